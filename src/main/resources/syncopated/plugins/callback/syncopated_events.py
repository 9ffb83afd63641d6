# -*- coding: utf-8 -*-
# Copyright (c) 2026 The syncopated authors. MIT License.
"""Writes one JSON event per line on stdout (or into the pipe SYNCOPATED_EVENTS_FILE names), for
syncopated to read while the run goes on.

syncopated selects it with ANSIBLE_STDOUT_CALLBACK=syncopated_events; a plain
``ansible-playbook`` run of the rendered project keeps Ansible's usual output.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
    name: syncopated_events
    type: stdout
    short_description: one JSON event per line, for syncopated
    description:
      - Prints play, task and result events as JSON lines, with the role, the task's file:line,
        the module's message, diffs, and the findings facts of syncopated's info roles.
"""

import json
import os
import sys

from ansible.plugins.callback import CallbackBase

# Facts that roles publish for syncopated's report: <role>_findings and <role>_reboot_required.
_REPORTED_FACT_SUFFIXES = ("_findings", "_reboot_required", "_next_boot")
_MAX_TEXT = 4000


def _clip(value):
    if isinstance(value, str) and len(value) > _MAX_TEXT:
        return value[:_MAX_TEXT] + "... (%d more characters)" % (len(value) - _MAX_TEXT)
    return value


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "stdout"
    CALLBACK_NAME = "syncopated_events"

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._project = os.getcwd()
        self._out = None

    def _stream(self):
        # Under ansible-pull, syncopated names a pipe for the events: ansible-pull splices the
        # playbook's stderr into its stdout, which would cut event lines apart.
        if self._out is None:
            path = os.environ.get("SYNCOPATED_EVENTS_FILE")
            self._out = open(path, "w", buffering=1, encoding="utf-8") if path else sys.stdout
        return self._out

    def _emit(self, event, **fields):
        fields["event"] = event
        out = self._stream()
        out.write(json.dumps(fields, sort_keys=True, default=str) + "\n")
        out.flush()

    def _where(self, task):
        path = task.get_path() or ""
        if path.startswith(self._project + os.sep):
            path = path[len(self._project) + 1:]
        return path

    @staticmethod
    def _role(task):
        role = getattr(task, "_role", None)
        return role.get_name() if role else None

    def _task_fields(self, task):
        role = self._role(task)
        name = task.get_name().strip()
        if role and name.startswith(role + " : "):
            name = name[len(role) + 3:]  # the recap already names the role
        return {"task": name, "role": role, "path": self._where(task), "action": task.action}

    def v2_playbook_on_start(self, playbook):
        self._emit("playbook_start", playbook=playbook._file_name)

    def v2_playbook_on_play_start(self, play):
        self._emit("play_start", play=play.get_name().strip(), hosts=play.hosts)

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._emit("task_start", handler=False, **self._task_fields(task))

    def v2_playbook_on_handler_task_start(self, task):
        self._emit("task_start", handler=True, **self._task_fields(task))

    def v2_playbook_on_no_hosts_matched(self):
        self._emit("no_hosts_matched")

    def _result(self, event, result, **extra):
        raw = result._result
        fields = self._task_fields(result._task)
        fields.update(host=result._host.get_name(), changed=bool(raw.get("changed", False)))
        if raw.get("_ansible_no_log") or raw.get("censored"):
            fields["msg"] = "the output is hidden: the task has no_log"
        else:
            msg = raw.get("msg") or raw.get("reason") or ""
            if event == "failed" and isinstance(raw.get("results"), list):
                # A loop: name what failed in each item rather than "One or more items failed".
                items = [str(r.get("msg") or r.get("stderr") or "") for r in raw["results"]
                         if isinstance(r, dict) and r.get("failed")]
                if any(items):
                    msg = "; ".join(i for i in items if i)
            stderr = raw.get("stderr") or ""
            if event == "failed" and stderr and stderr not in str(msg):
                msg = (str(msg) + "\n" + stderr).strip()
            fields["msg"] = _clip(str(msg)) if msg else ""
            if "rc" in raw:
                fields["rc"] = raw.get("rc")
            diff = raw.get("diff")
            if diff:
                fields["diff"] = self._render_diffs(diff)
            facts = raw.get("ansible_facts") or {}
            reported = dict((k, v) for k, v in facts.items() if k.endswith(_REPORTED_FACT_SUFFIXES))
            if reported:
                fields["facts"] = reported
        fields.update(extra)
        self._emit(event, **fields)

    def _render_diffs(self, diff):
        diffs = diff if isinstance(diff, list) else [diff]
        rendered = []
        for d in diffs:
            if isinstance(d, dict) and ("before" in d or "after" in d or "prepared" in d):
                text = self._get_diff(d)
                if text:
                    rendered.append(_clip(text))
        return rendered

    def v2_runner_on_ok(self, result):
        self._result("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result("failed", result, ignored=bool(ignore_errors))

    def v2_runner_on_skipped(self, result):
        self._result("skipped", result)

    def v2_runner_on_unreachable(self, result):
        self._result("unreachable", result)

    def v2_on_file_diff(self, result):
        # Diffs come with the result events above; nothing to print twice.
        pass

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for host in sorted(stats.processed.keys()):
            s = stats.summarize(host)
            hosts[host] = {"ok": s["ok"], "changed": s["changed"], "failed": s["failures"],
                           "unreachable": s["unreachable"], "skipped": s["skipped"],
                           "rescued": s["rescued"], "ignored": s["ignored"]}
        self._emit("stats", hosts=hosts)
