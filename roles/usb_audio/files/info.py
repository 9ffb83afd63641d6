#!/usr/bin/python3
# Managed by syncopated: read-only findings of the usb_audio role. Prints JSON.
import glob
import json
import os
import sys

devices, offline = [d.lower() for d in sys.argv[1].split(",") if d], sys.argv[2] == "True"
out = {"offline": offline, "live_available": not offline and os.path.isdir("/sys/bus/usb/devices"), "devices": {}}


def read(p):
    try:
        with open(p) as f:
            return f.read().strip()
    except OSError:
        return None


out["module_options_file"] = read("/etc/modprobe.d/syncopated-usb-audio.conf") is not None
out["udev_rule"] = read("/etc/udev/rules.d/90-syncopated-usb-audio.rules") is not None
if not out["live_available"]:
    out["note"] = ("Offline target: plugged devices, power state and IRQs are not available; this reports the files."
                   if offline else "This machine has no USB bus in sysfs.")
    print(json.dumps(out))
    sys.exit(0)
out["lowlatency"] = read("/sys/module/snd_usb_audio/parameters/lowlatency")
interrupts = {}
try:
    with open("/proc/interrupts") as f:
        ncpu = len(f.readline().split())
        for line in f:
            parts = line.split()
            if parts and parts[0].rstrip(":").isdigit():
                rest = " ".join(parts[1 + ncpu:])
                interrupts[parts[0].rstrip(":")] = rest
except OSError:
    pass
threads = {}
for t in glob.glob("/proc/[0-9]*"):
    comm = read(t + "/comm") or ""
    if comm.startswith("irq/"):
        try:
            threads[comm] = os.sched_getparam(int(t[6:])).sched_priority
        except OSError:
            threads[comm] = None
cards = {}
for c in glob.glob("/proc/asound/card[0-9]*"):
    uid = read(c + "/usbid")
    if uid:
        cards.setdefault(uid.lower(), []).append(os.path.basename(c))
for want in devices:
    found = []
    for d in glob.glob("/sys/bus/usb/devices/*"):
        vid, pid = read(d + "/idVendor"), read(d + "/idProduct")
        if vid is None or "%s:%s" % (vid, pid) != want:
            continue
        real = os.path.realpath(d)
        info = {"sysfs": real, "power_control": read(d + "/power/control"),
                "autosuspend_delay_ms": read(d + "/power/autosuspend_delay_ms"), "speed": read(d + "/speed")}
        ctl = real
        while ctl != "/sys" and not (os.path.exists(ctl + "/irq") and os.path.basename(os.path.realpath(ctl + "/subsystem")) == "pci"):
            ctl = os.path.dirname(ctl)
        if ctl != "/sys":
            info["controller"] = os.path.basename(ctl)
            info["controller_driver"] = os.path.basename(os.path.realpath(ctl + "/driver")) if os.path.exists(ctl + "/driver") else None
            irqs = sorted(os.listdir(ctl + "/msi_irqs")) if os.path.isdir(ctl + "/msi_irqs") and os.listdir(ctl + "/msi_irqs") else [read(ctl + "/irq")]
            info["irqs"] = []
            for irq in irqs:
                desc = interrupts.get(irq, "")
                names = [h.strip() for h in desc.split("  ")[-1].split(",")] if desc else []
                th = {k: v for k, v in threads.items() if k.startswith("irq/%s-" % irq)}
                info["irqs"].append({"irq": irq, "handlers": names, "shared": len(names) > 1, "threads": th})
            others = []
            for o in glob.glob("/sys/bus/usb/devices/*"):
                if os.path.exists(o + "/idVendor") and os.path.realpath(o).startswith(ctl + "/") \
                        and os.path.realpath(o) != real and read(o + "/bDeviceClass") != "09":
                    others.append("%s:%s %s" % (read(o + "/idVendor"), read(o + "/idProduct"), read(o + "/product") or ""))
            info["other_devices_on_controller"] = others
            warn = []
            if any(i["shared"] for i in info["irqs"]):
                warn.append("The controller IRQ is shared with other drivers: raising its thread raises them too.")
            if others:
                warn.append("Other USB devices sit on the same controller and IRQ thread: move the interface to its own controller/port if possible.")
            if not any(i["threads"] for i in info["irqs"]):
                warn.append("No irq/N thread for the controller: threaded IRQs are off (threadirqs or an RT kernel).")
            if warn:
                info["warnings"] = warn
        info["alsa_cards"] = cards.get(want, [])
        found.append(info)
    out["devices"][want] = {"present": bool(found), "instances": found}
print(json.dumps(out))
