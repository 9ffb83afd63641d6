package dev.syncopated.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real-time readiness checks in the spirit of rtcqs, read from /proc, /sys, /boot and /etc of a
 * {@link SystemTree}. Every check gives a result, also when it cannot decide (skip, with the reason).
 */
public final class ReadinessChecks {
    /** Every check id, in the order they run and print. */
    public static final List<String> IDS = List.of("rt_kernel", "preemption", "threadirqs", "rtprio", "memlock",
            "governor", "power_daemon", "smt", "swappiness", "high_res_timers", "no_hz", "mitigations",
            "shared_irqs", "cpu_dma_latency", "irqbalance", "nvidia", "home_fs");

    static final long MIN_RTPRIO = 80;
    static final long MIN_MEMLOCK = 256L << 20;
    static final int MAX_SWAPPINESS = 10;
    private static final Map<String, String> POWER_DAEMONS = new LinkedHashMap<>();
    private static final Set<String> USB_HANDLERS = Set.of("xhci_hcd", "ehci_hcd", "ohci_hcd", "uhci_hcd", "dwc3", "dwc2", "musb-hdrc");
    private static final Set<String> RISKY_FS = Set.of("fuseblk", "ntfs", "ntfs3", "vfat", "exfat", "reiserfs", "nfs", "nfs4",
            "cifs", "smb3", "ecryptfs", "fuse.sshfs");

    static {
        // comm is cut to 15 characters: power-profiles-daemon shows as "power-profiles-".
        POWER_DAEMONS.put("tuned", "tuned");
        POWER_DAEMONS.put("power-profiles-", "power-profiles-daemon");
        POWER_DAEMONS.put("tlp", "tlp");
        POWER_DAEMONS.put("auto-cpufreq", "auto-cpufreq");
        POWER_DAEMONS.put("tccd", "tccd");
        POWER_DAEMONS.put("tuxedo-control-", "tuxedo-control-center");
    }

    private final SystemTree sys;
    private final String cmdline;
    private final List<String> cmdlineTokens;
    private final String version;
    private final String release;
    private final Map<String, String> config;
    private final String configSource;
    private final Map<String, List<String>> processes;
    private final int uid;
    private final String user;
    private final String home;

    private ReadinessChecks(SystemTree sys) {
        this.sys = sys;
        this.cmdline = sys.line("/proc/cmdline").orElse("");
        this.cmdlineTokens = Arrays.asList(cmdline.split("\\s+"));
        this.version = sys.line("/proc/sys/kernel/version").orElse("");
        this.release = sys.line("/proc/sys/kernel/osrelease").orElse("");
        Optional<String> boot = release.isEmpty() ? Optional.empty() : sys.read("/boot/config-" + release);
        if (boot.isPresent()) {
            configSource = "/boot/config-" + release;
            config = parseConfig(boot.get());
        } else {
            Optional<String> gz = sys.read("/proc/config.gz");
            configSource = gz.isPresent() ? "/proc/config.gz" : "";
            config = gz.map(ReadinessChecks::parseConfig).orElse(Map.of());
        }
        this.processes = processes(sys);
        String status = sys.read("/proc/self/status").orElse("");
        Matcher uidLine = Pattern.compile("(?m)^Uid:\\s+(\\d+)").matcher(status);
        this.uid = uidLine.find() ? Integer.parseInt(uidLine.group(1)) : -1;
        String[] passwd = passwdEntry(sys, uid);
        this.user = passwd != null ? passwd[0] : sys.isLive() ? System.getProperty("user.name") : "you";
        this.home = passwd != null && passwd.length > 5 ? passwd[5] : sys.isLive() ? System.getProperty("user.home") : "";
    }

    public static List<CheckResult> run(SystemTree sys) {
        ReadinessChecks c = new ReadinessChecks(sys);
        boolean rt = c.isRt();
        List<CheckResult> results = new ArrayList<>();
        results.add(c.rtKernel(rt));
        results.add(c.preemption(rt));
        results.add(c.threadirqs(rt));
        results.add(c.rtprio());
        results.add(c.memlock());
        CheckResult governor = c.governor();
        results.add(governor);
        results.add(c.powerDaemon());
        results.add(c.smt());
        results.add(c.swappiness());
        results.add(c.highResTimers());
        results.add(c.noHz());
        results.add(c.mitigations());
        results.add(c.sharedIrqs());
        results.add(c.cpuDmaLatency());
        results.add(c.irqbalance());
        results.add(c.nvidia(rt));
        results.add(c.homeFs());
        return results;
    }

    // ---------------------------------------------------------------- kernel

    private boolean isRt() {
        return hasToken(version, "PREEMPT_RT") || "1".equals(sys.line("/sys/kernel/realtime").orElse(""))
                || "y".equals(config.get("CONFIG_PREEMPT_RT"));
    }

    private CheckResult rtKernel(boolean rt) {
        List<String> evidence = new ArrayList<>();
        evidence.add("/proc/sys/kernel/version: " + orMissing(version));
        sys.line("/sys/kernel/realtime").ifPresent(v -> evidence.add("/sys/kernel/realtime: " + v));
        if (config.containsKey("CONFIG_PREEMPT_RT")) {
            evidence.add(configSource + ": CONFIG_PREEMPT_RT=" + config.get("CONFIG_PREEMPT_RT"));
        }
        if (version.isEmpty() && config.isEmpty()) {
            return result("rt_kernel", CheckStatus.skip, "cannot tell: no kernel version or config to read", evidence, "");
        }
        if (rt) {
            return result("rt_kernel", CheckStatus.ok, "PREEMPT_RT kernel " + release, evidence, "");
        }
        return result("rt_kernel", CheckStatus.warn, "not a PREEMPT_RT kernel (" + release + ")", evidence,
                "rt_kernel: present");
    }

    private CheckResult preemption(boolean rt) {
        List<String> evidence = new ArrayList<>();
        if (rt) {
            return result("preemption", CheckStatus.ok, "full real-time preemption (PREEMPT_RT)",
                    List.of("/proc/sys/kernel/version: " + orMissing(version)), "");
        }
        String mode = null;
        String param = cmdlineValue("preempt");
        Optional<String> debug = sys.line("/sys/kernel/debug/sched/preempt");
        boolean dynamic = "y".equals(config.get("CONFIG_PREEMPT_DYNAMIC")) || hasToken(version, "PREEMPT_DYNAMIC");
        if (param != null && dynamic) {
            mode = param;
            evidence.add("/proc/cmdline: preempt=" + param);
        } else if (debug.isPresent() && debug.get().matches(".*\\((\\w+)\\).*")) {
            mode = debug.get().replaceAll(".*\\((\\w+)\\).*", "$1");
            evidence.add("/sys/kernel/debug/sched/preempt: " + debug.get());
        } else if (!config.isEmpty()) {
            for (String[] option : new String[][] {{"CONFIG_PREEMPT", "full"}, {"CONFIG_PREEMPT_LAZY", "lazy"},
                    {"CONFIG_PREEMPT_VOLUNTARY", "voluntary"}, {"CONFIG_PREEMPT_NONE", "none"}}) {
                if ("y".equals(config.get(option[0]))) {
                    mode = option[1];
                    evidence.add(configSource + ": " + option[0] + "=y" + (dynamic ? " (the default of PREEMPT_DYNAMIC)" : ""));
                    break;
                }
            }
        } else if (hasToken(version, "PREEMPT") && !dynamic) {
            mode = "full";
            evidence.add("/proc/sys/kernel/version: " + version);
        }
        if (mode == null) {
            evidence.add("/proc/sys/kernel/version: " + orMissing(version));
            evidence.add("/proc/cmdline: " + (param == null ? "no preempt=" : "preempt=" + param));
            return result("preemption", CheckStatus.warn, "preemption mode unknown (no kernel config, debugfs not readable)",
                    evidence, "rt_kernel: present");
        }
        if (mode.equals("full") || mode.equals("lazy")) {
            return result("preemption", CheckStatus.ok, "preemption " + mode + " (low-latency, not PREEMPT_RT)", evidence, "");
        }
        return result("preemption", CheckStatus.fail, "preemption " + mode + ": kernel code is not preemptible enough for audio",
                evidence, "rt_kernel: present (a PREEMPT_RT kernel, or preempt=full where the distro has none)");
    }

    private CheckResult threadirqs(boolean rt) {
        List<String> evidence = List.of("/proc/cmdline: " + orMissing(cmdline));
        if (rt) {
            return result("threadirqs", CheckStatus.ok, "interrupt handlers are threads (always on PREEMPT_RT)", evidence, "");
        }
        if (cmdline.isEmpty()) {
            return result("threadirqs", CheckStatus.skip, "cannot read /proc/cmdline", evidence, "");
        }
        if (cmdlineTokens.contains("threadirqs")) {
            return result("threadirqs", CheckStatus.ok, "threadirqs is on the kernel command line", evidence, "");
        }
        return result("threadirqs", CheckStatus.fail, "interrupt handlers are not threaded: rtirq cannot prioritise the audio IRQ",
                evidence, "rt_kernel: present (adds threadirqs to the kernel command line)");
    }

    // ---------------------------------------------------------------- limits

    private CheckResult rtprio() {
        return limit("rtprio", "Max realtime priority", "realtime priority", MIN_RTPRIO, 1, "");
    }

    private CheckResult memlock() {
        return limit("memlock", "Max locked memory", "locked memory", MIN_MEMLOCK, 64L << 20, " bytes");
    }

    private CheckResult limit(String id, String name, String what, long good, long tolerable, String unit) {
        Optional<String> limits = sys.read("/proc/self/limits");
        String fix = "realtime_limits: { users: [" + user + "] }";
        if (limits.isEmpty()) {
            return result(id, CheckStatus.skip, "cannot read /proc/self/limits", List.of(), "");
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\S+)\\s+(\\S+)").matcher(limits.get());
        if (!m.find()) {
            return result(id, CheckStatus.skip, "no '" + name + "' line in /proc/self/limits", List.of(), "");
        }
        List<String> evidence = List.of("/proc/self/limits: " + name + " soft " + m.group(1) + ", hard " + m.group(2),
                "/proc/self/status: Uid " + uid + " (" + user + ")");
        if (uid == 0) {
            return result(id, CheckStatus.skip, "running as root, which is not bound by the " + what
                    + " limit: run 'syncopated probe check' as the user who makes music", evidence, "");
        }
        String hard = m.group(2);
        if (hard.equals("unlimited")) {
            return result(id, CheckStatus.ok, what + " limit of " + user + ": unlimited", evidence, "");
        }
        long value = Long.parseLong(hard);
        String shown = unit.isEmpty() ? Long.toString(value) : mib(value);
        if (value >= good) {
            return result(id, CheckStatus.ok, what + " limit of " + user + ": " + shown, evidence, "");
        }
        CheckStatus status = value >= tolerable ? CheckStatus.warn : CheckStatus.fail;
        return result(id, status, what + " limit of " + user + " is " + shown + " (want " + (unit.isEmpty() ? good : mib(good))
                + " or more)", evidence, fix);
    }

    // ---------------------------------------------------------------- CPU

    private CheckResult governor() {
        Map<String, List<String>> byGovernor = new TreeMap<>();
        List<String> evidence = new ArrayList<>();
        for (String cpu : sys.list("/sys/devices/system/cpu")) {
            if (!cpu.matches("cpu\\d+")) {
                continue;
            }
            String file = "/sys/devices/system/cpu/" + cpu + "/cpufreq/scaling_governor";
            Optional<String> governor = sys.line(file);
            if (governor.isPresent()) {
                byGovernor.computeIfAbsent(governor.get(), g -> new ArrayList<>()).add(cpu);
                evidence.add(file + ": " + governor.get());
            }
        }
        if (byGovernor.isEmpty()) {
            return result("governor", CheckStatus.skip, "no cpufreq governors in /sys (a VM, or the firmware controls frequency)",
                    List.of(), "");
        }
        if (byGovernor.size() == 1 && byGovernor.containsKey("performance")) {
            return result("governor", CheckStatus.ok, "every CPU runs the performance governor", evidence, "");
        }
        List<String> parts = new ArrayList<>();
        byGovernor.forEach((g, cpus) -> parts.add(String.join(",", cpus) + ": " + g));
        return result("governor", CheckStatus.fail, "CPUs not on the performance governor: " + String.join("; ", parts),
                evidence, "cpu_power: { governor: performance }");
    }

    private CheckResult powerDaemon() {
        List<String> evidence = new ArrayList<>();
        Set<String> running = new LinkedHashSet<>();
        for (Map.Entry<String, String> daemon : POWER_DAEMONS.entrySet()) {
            List<String> pids = processes.getOrDefault(daemon.getKey(), List.of());
            if (!pids.isEmpty()) {
                running.add(daemon.getValue());
                evidence.add("/proc/" + pids.get(0) + "/comm: " + daemon.getKey());
            }
        }
        Set<String> enabled = new LinkedHashSet<>();
        for (String wants : sys.list("/etc/systemd/system")) {
            if (!wants.endsWith(".wants")) {
                continue;
            }
            for (String unit : sys.list("/etc/systemd/system/" + wants)) {
                String name = unit.replaceFirst("\\.service$", "");
                if (POWER_DAEMONS.containsValue(name) && !running.contains(name)) {
                    enabled.add(name);
                    evidence.add("/etc/systemd/system/" + wants + "/" + unit);
                }
            }
        }
        if (running.isEmpty() && enabled.isEmpty()) {
            return result("power_daemon", CheckStatus.ok, "no power daemon that changes governors (tuned, power-profiles-daemon, "
                    + "tlp, auto-cpufreq, tuxedo) is running or enabled", List.of("/proc/*/comm: " + processes.size() + " processes"), "");
        }
        Set<String> all = new LinkedHashSet<>(running);
        all.addAll(enabled);
        String fix = "cpu_power: { governor: performance }, and stop the daemon that overrides it: systemctl disable --now "
                + String.join(" ", all);
        if (!running.isEmpty()) {
            return result("power_daemon", CheckStatus.fail, String.join(", ", running) + " running: it sets the CPU governor itself",
                    evidence, fix);
        }
        return result("power_daemon", CheckStatus.warn, String.join(", ", enabled) + " enabled (not running now): it will set "
                + "the governor at next boot", evidence, fix);
    }

    private CheckResult smt() {
        Optional<String> active = sys.line("/sys/devices/system/cpu/smt/active");
        Optional<String> control = sys.line("/sys/devices/system/cpu/smt/control");
        List<String> evidence = new ArrayList<>();
        active.ifPresent(v -> evidence.add("/sys/devices/system/cpu/smt/active: " + v));
        control.ifPresent(v -> evidence.add("/sys/devices/system/cpu/smt/control: " + v));
        // 'control' says what is allowed, 'active' whether sibling threads actually run.
        if (active.isPresent() && active.get().equals("1")) {
            return result("smt", CheckStatus.warn, "SMT (hyper-threading) is active: a sibling thread shares the core with audio",
                    evidence, "cpu_isolation: { cores: \"2-3\" } (whole cores for audio; pick yours), or boot with nosmt");
        }
        if (active.isPresent() && active.get().equals("0")) {
            return result("smt", CheckStatus.ok, "SMT is not active" + control.map(c -> " (control: " + c + ")").orElse(""),
                    evidence, "");
        }
        if (control.isPresent() && (control.get().equals("notsupported") || control.get().equals("notimplemented"))) {
            return result("smt", CheckStatus.ok, "the CPU has no SMT", evidence, "");
        }
        return result("smt", CheckStatus.skip, "no /sys/devices/system/cpu/smt to read", evidence, "");
    }

    // ---------------------------------------------------------------- memory and kernel config

    private CheckResult swappiness() {
        Optional<String> value = sys.line("/proc/sys/vm/swappiness");
        Optional<String> swaps = sys.read("/proc/swaps");
        if (value.isEmpty() || swaps.isEmpty()) {
            return result("swappiness", CheckStatus.skip, "cannot read /proc/sys/vm/swappiness or /proc/swaps", List.of(), "");
        }
        List<String> devices = swaps.get().lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\\s+")[0]).toList();
        List<String> evidence = List.of("/proc/sys/vm/swappiness: " + value.get(),
                "/proc/swaps: " + (devices.isEmpty() ? "no swap" : String.join(", ", devices)));
        if (devices.isEmpty()) {
            return result("swappiness", CheckStatus.ok, "no swap in use, swappiness " + value.get() + " does not matter", evidence, "");
        }
        int swappiness = Integer.parseInt(value.get());
        if (swappiness <= MAX_SWAPPINESS) {
            return result("swappiness", CheckStatus.ok, "swappiness " + swappiness + " with swap", evidence, "");
        }
        return result("swappiness", CheckStatus.warn, "swappiness " + swappiness + " with swap: audio memory may be paged out",
                evidence, "audio_sysctl: { swappiness: 10 }");
    }

    private CheckResult highResTimers() {
        if (config.isEmpty()) {
            Optional<String> timers = sys.read("/proc/timer_list");
            if (timers.isPresent() && timers.get().contains(".hres_active")) {
                boolean on = timers.get().matches("(?s).*\\.hres_active\\s*:\\s*1.*");
                return result("high_res_timers", on ? CheckStatus.ok : CheckStatus.fail,
                        on ? "high-resolution timers active" : "high-resolution timers not active",
                        List.of("/proc/timer_list: .hres_active " + (on ? "1" : "0")), on ? "" : "rt_kernel: present");
            }
            return result("high_res_timers", CheckStatus.skip, "no kernel config (/boot/config-" + release + " or /proc/config.gz)",
                    List.of(), "");
        }
        String value = config.getOrDefault("CONFIG_HIGH_RES_TIMERS", "n");
        List<String> evidence = List.of(configSource + ": CONFIG_HIGH_RES_TIMERS=" + value);
        if (value.equals("y")) {
            return result("high_res_timers", CheckStatus.ok, "high-resolution timers built in", evidence, "");
        }
        return result("high_res_timers", CheckStatus.fail, "kernel built without high-resolution timers", evidence, "rt_kernel: present");
    }

    private CheckResult noHz() {
        if (config.isEmpty()) {
            return result("no_hz", CheckStatus.skip, "no kernel config (/boot/config-" + release + " or /proc/config.gz)", List.of(), "");
        }
        List<String> evidence = new ArrayList<>();
        for (String key : List.of("CONFIG_NO_HZ_FULL", "CONFIG_NO_HZ_IDLE", "CONFIG_HZ_PERIODIC", "CONFIG_HZ")) {
            if (config.containsKey(key)) {
                evidence.add(configSource + ": " + key + "=" + config.get(key));
            }
        }
        if ("y".equals(config.get("CONFIG_NO_HZ_FULL")) || "y".equals(config.get("CONFIG_NO_HZ_IDLE"))) {
            return result("no_hz", CheckStatus.ok, "tickless kernel (NO_HZ" + ("y".equals(config.get("CONFIG_NO_HZ_FULL")) ? "_FULL" : "_IDLE") + ")",
                    evidence, "");
        }
        return result("no_hz", CheckStatus.warn, "periodic timer tick (no NO_HZ)", evidence, "rt_kernel: present");
    }

    private CheckResult mitigations() {
        if (cmdline.isEmpty()) {
            return result("mitigations", CheckStatus.skip, "cannot read /proc/cmdline", List.of(), "");
        }
        String value = cmdlineValue("mitigations");
        List<String> evidence = new ArrayList<>();
        evidence.add("/proc/cmdline: " + (value == null ? "no mitigations=" : "mitigations=" + value));
        List<String> vulnerable = sys.list("/sys/devices/system/cpu/vulnerabilities");
        long mitigated = vulnerable.stream().map(v -> sys.line("/sys/devices/system/cpu/vulnerabilities/" + v).orElse(""))
                .filter(s -> s.startsWith("Mitigation")).count();
        if (!vulnerable.isEmpty()) {
            evidence.add("/sys/devices/system/cpu/vulnerabilities: " + mitigated + " of " + vulnerable.size() + " mitigated");
        }
        if ("off".equals(value)) {
            return result("mitigations", CheckStatus.ok, "CPU vulnerability mitigations are off", evidence, "");
        }
        return result("mitigations", CheckStatus.warn, "CPU vulnerability mitigations are on; they cost latency on some CPUs",
                evidence, "no syncopated role turns them off, on purpose: add mitigations=off yourself only on a machine "
                        + "that runs no untrusted code");
    }

    // ---------------------------------------------------------------- IRQs and devices

    private CheckResult sharedIrqs() {
        List<String> evidence = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        int found = 0;
        for (String irq : sys.list("/sys/kernel/irq")) {
            Optional<String> actions = sys.line("/sys/kernel/irq/" + irq + "/actions");
            if (actions.isEmpty() || actions.get().isEmpty()) {
                continue;
            }
            List<String> handlers = Arrays.asList(actions.get().split(","));
            boolean audio = handlers.stream().anyMatch(h -> isSound(h) || isUsb(h));
            if (!audio) {
                continue;
            }
            found++;
            evidence.add("/sys/kernel/irq/" + irq + "/actions: " + actions.get());
            if (handlers.size() > 1) {
                shared.add("IRQ " + irq + " (" + actions.get() + ")");
            }
        }
        if (found == 0) {
            return result("shared_irqs", CheckStatus.skip, "no sound or USB controller IRQs in /sys/kernel/irq", List.of(), "");
        }
        if (shared.isEmpty()) {
            return result("shared_irqs", CheckStatus.ok, found + " sound/USB IRQs, none shared", evidence, "");
        }
        return result("shared_irqs", CheckStatus.warn, "shared with other devices: " + String.join("; ", shared), evidence,
                "usb_audio: { devices: [\"vvvv:pppp\"] } raises the interface's IRQ thread; move the card to a port or slot "
                        + "with its own IRQ");
    }

    private static boolean isSound(String handler) {
        String name = handler.strip().split(":")[0];
        return name.startsWith("snd_") || name.startsWith("snd-") || name.equals("snd");
    }

    private static boolean isUsb(String handler) {
        return USB_HANDLERS.contains(handler.strip().split(":")[0]);
    }

    private CheckResult cpuDmaLatency() {
        String device = "/dev/cpu_dma_latency";
        String fix = "realtime_limits: { users: [" + user + "] } (its udev rule lets the group write " + device + ")";
        if (sys.isLive()) {
            Path path = sys.path(device);
            if (!Files.exists(path)) {
                return result("cpu_dma_latency", CheckStatus.warn, device + " does not exist", List.of(), "");
            }
            boolean writable = Files.isWritable(path);
            List<String> evidence = List.of(device + ": " + (writable ? "writable" : "not writable") + " by uid " + uid + " (" + user + ")");
            return writable
                    ? result("cpu_dma_latency", CheckStatus.ok, device + " is writable: cyclictest and JACK can keep CPUs out of deep C-states", evidence, "")
                    : result("cpu_dma_latency", CheckStatus.warn, device + " is not writable by " + user, evidence, fix);
        }
        // A captured tree keeps no device modes: decide from the invoking user and the udev rules.
        List<String> evidence = new ArrayList<>();
        evidence.add("/proc/self/status: Uid " + uid + " (" + user + ")");
        if (uid == 0) {
            return result("cpu_dma_latency", CheckStatus.ok, "root may write " + device, evidence, "");
        }
        Set<String> groups = groupsOf(user);
        for (String dir : List.of("/etc/udev/rules.d", "/usr/lib/udev/rules.d", "/lib/udev/rules.d")) {
            for (String rules : sys.list(dir)) {
                for (String rule : sys.read(dir + "/" + rules).orElse("").lines().toList()) {
                    Matcher m = Pattern.compile("KERNEL==\"cpu_dma_latency\".*GROUP=\"([^\"]+)\"").matcher(rule);
                    if (!rule.startsWith("#") && m.find()) {
                        evidence.add(dir + "/" + rules + ": " + rule.strip());
                        if (groups.contains(m.group(1))) {
                            return result("cpu_dma_latency", CheckStatus.ok, user + " may write " + device + " as a member of "
                                    + m.group(1), evidence, "");
                        }
                    }
                }
            }
        }
        evidence.add("/etc/group: " + user + " is in " + (groups.isEmpty() ? "no extra groups" : String.join(", ", groups)));
        return result("cpu_dma_latency", CheckStatus.warn, device + " is not writable by " + user + " (root only)", evidence, fix);
    }

    private CheckResult irqbalance() {
        List<String> pids = processes.getOrDefault("irqbalance", List.of());
        List<String> pins = new ArrayList<>();
        for (String param : List.of("isolcpus", "irqaffinity", "nohz_full")) {
            String value = cmdlineValue(param);
            if (value != null) {
                pins.add(param + "=" + value);
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(pids.isEmpty() ? "/proc/*/comm: no irqbalance" : "/proc/" + pids.get(0) + "/comm: irqbalance");
        evidence.add("/proc/cmdline: " + (pins.isEmpty() ? "no isolcpus=, irqaffinity= or nohz_full=" : String.join(" ", pins)));
        if (pids.isEmpty()) {
            return result("irqbalance", CheckStatus.ok, "irqbalance is not running", evidence, "");
        }
        if (pins.isEmpty()) {
            return result("irqbalance", CheckStatus.ok, "irqbalance is running and no IRQs are pinned", evidence, "");
        }
        return result("irqbalance", CheckStatus.fail, "irqbalance is running while IRQs are pinned (" + String.join(" ", pins)
                + "): it moves them back", evidence, "cpu_isolation: { cores: \"2-3\" } (pick yours) pins the IRQs; stop irqbalance: "
                        + "systemctl disable --now irqbalance");
    }

    private CheckResult nvidia(boolean rt) {
        List<String> evidence = new ArrayList<>();
        Optional<String> driver = sys.line("/proc/driver/nvidia/version");
        if (driver.isPresent() || sys.exists("/proc/driver/nvidia")) {
            evidence.add("/proc/driver/nvidia/version: " + driver.orElse("(present)"));
        }
        sys.read("/proc/modules").ifPresent(modules -> modules.lines().filter(l -> l.startsWith("nvidia ")).findFirst()
                .ifPresent(l -> evidence.add("/proc/modules: " + l.split("\\s+")[0] + " loaded")));
        if (evidence.isEmpty()) {
            return result("nvidia", CheckStatus.ok, "no NVIDIA proprietary driver loaded", List.of(), "");
        }
        if (!rt) {
            return result("nvidia", CheckStatus.ok, "NVIDIA driver loaded, on a kernel without PREEMPT_RT", evidence, "");
        }
        return result("nvidia", CheckStatus.warn, "NVIDIA proprietary driver on PREEMPT_RT: it is built with "
                + "IGNORE_PREEMPT_RT_PRESENCE and is known for latency spikes", evidence,
                "use nouveau or another GPU on this machine, or run the stock kernel: rt_kernel: absent");
    }

    private CheckResult homeFs() {
        Optional<String> mounts = sys.read("/proc/mounts");
        if (mounts.isEmpty() || home == null || home.isEmpty()) {
            return result("home_fs", CheckStatus.skip, "cannot read /proc/mounts or find the home directory", List.of(), "");
        }
        String bestPoint = null;
        String bestType = null;
        String bestDevice = null;
        for (String line : mounts.get().lines().toList()) {
            String[] f = line.split("\\s+");
            if (f.length < 3) {
                continue;
            }
            String point = f[1].replace("\\040", " ");
            boolean covers = point.equals("/") || home.equals(point) || home.startsWith(point + "/");
            if (covers && (bestPoint == null || point.length() >= bestPoint.length())) {
                bestPoint = point;
                bestType = f[2];
                bestDevice = f[0];
            }
        }
        if (bestPoint == null) {
            return result("home_fs", CheckStatus.skip, "no mount in /proc/mounts holds " + home, List.of(), "");
        }
        List<String> evidence = List.of("/etc/passwd: home of " + user + " is " + home,
                "/proc/mounts: " + bestDevice + " " + bestPoint + " " + bestType);
        if (RISKY_FS.contains(bestType)) {
            return result("home_fs", CheckStatus.warn, home + " is on " + bestType + ": slow or network-backed for audio recording",
                    evidence, "no role moves a home directory: keep sessions on a local ext4, xfs or btrfs file system");
        }
        return result("home_fs", CheckStatus.ok, home + " is on " + bestType, evidence, "");
    }

    // ---------------------------------------------------------------- helpers

    private String cmdlineValue(String key) {
        String value = null;
        for (String token : cmdlineTokens) {
            if (token.startsWith(key + "=")) {
                value = token.substring(key.length() + 1); // the last one wins, as in the kernel
            }
        }
        return value;
    }

    private Set<String> groupsOf(String name) {
        Set<String> groups = new LinkedHashSet<>();
        for (String line : sys.read("/etc/group").orElse("").lines().toList()) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && Arrays.asList(f[3].split(",")).contains(name)) {
                groups.add(f[0]);
            }
        }
        return groups;
    }

    private static String[] passwdEntry(SystemTree sys, int uid) {
        for (String line : sys.read("/etc/passwd").orElse("").lines().toList()) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && f[2].equals(Integer.toString(uid))) {
                return new String[] {f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
            }
        }
        return null;
    }

    private static Map<String, List<String>> processes(SystemTree sys) {
        Map<String, List<String>> byName = new HashMap<>();
        for (String pid : sys.list("/proc")) {
            if (pid.chars().allMatch(Character::isDigit)) {
                sys.line("/proc/" + pid + "/comm").ifPresent(comm -> byName.computeIfAbsent(comm, c -> new ArrayList<>()).add(pid));
            }
        }
        return byName;
    }

    static Map<String, String> parseConfig(String text) {
        Map<String, String> config = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("CONFIG_")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    config.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            } else if (line.startsWith("# CONFIG_") && line.endsWith(" is not set")) {
                config.put(line.substring(2, line.length() - " is not set".length()), "n");
            }
        }
        return config;
    }

    private static boolean hasToken(String text, String token) {
        return Arrays.asList(text.split("\\s+")).contains(token);
    }

    private static String orMissing(String s) {
        return s.isEmpty() ? "(missing)" : s;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MiB", bytes >> 20) + (bytes % (1 << 20) == 0 ? "" : " (" + bytes + " bytes)");
    }

    private CheckResult result(String id, CheckStatus status, String summary, List<String> evidence, String fix) {
        return new CheckResult(id, status, summary, evidence, fix);
    }
}
