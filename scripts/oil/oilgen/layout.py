"""From checked OIL objects to what the kernel tables hold: the conformance
class and status checked against Kconfig (the source of both), priority
levels, resource ceilings, event bits, queue sizes, stacks.
"""
from . import OilError, cores

CLASSES = ("BCC1", "BCC2", "ECC1", "ECC2")
MAX_TASK_LEVELS = 31        # a 32-bit ready bitmap; bit 0 is the idle loop
MAX_TASKS = 254
MAX_RESOURCES = 254         # 0xff means "none" in the kernel
MAX_APPMODES = 32           # autostart masks are 32-bit
VTIMER_INTID = 27
# The Xen event upcall's body (drivers/xen/events.c), named by an ISR's HANDLER.
UPCALL_HANDLER = "evtchn_upcall_isr"


def kconfig_class(kconfig):
    found = [c for c in CLASSES if kconfig.get(f"CONFIG_OS_CLASS_{c}") == "y"]
    if len(found) != 1:
        raise OilError(None, "the .config selects no conformance class "
                             "(CONFIG_OS_CLASS_*): is CONFIG_ERIKA_KERNEL=y?")
    return found[0]


def kconfig_int(kconfig, name):
    try:
        return int(kconfig[name], 0)
    except (KeyError, ValueError):
        raise OilError(None, f"the .config has no {name}") from None


class Level:
    """Map OIL priorities to consecutive levels from 1."""

    def __init__(self, priorities):
        self.of = {p: i + 1 for i, p in enumerate(sorted(set(priorities)))}
        self.count = len(self.of)


class Layout:
    def __init__(self, cfg, kconfig):
        self.cfg = cfg
        self.klass = kconfig_class(kconfig)
        self.extended_status = kconfig.get("CONFIG_OS_STATUS_EXTENDED") == "y"
        self.default_stack = kconfig_int(kconfig, "CONFIG_OS_DEFAULT_STACK_SIZE")
        self.tick_us = kconfig_int(kconfig, "CONFIG_OS_TICK_US")
        self.kconfig = kconfig
        self.num_cores = cores.num_cores(kconfig)
        self.tasks = list(cfg.tasks.values())
        self.check_os()
        cores.assign(cfg, self.num_cores)
        self.check_class()
        self.appmodes = ["OSDEFAULTAPPMODE"] + [m for m in cfg.appmodes
                                                if m != "OSDEFAULTAPPMODE"]
        if len(self.appmodes) > MAX_APPMODES:
            raise OilError(list(cfg.appmodes.values())[-1].loc,
                           f"more than {MAX_APPMODES} application modes")
        self.task_levels()
        self.isr_levels()
        self.resource_ceilings()
        self.event_masks()
        self.counters_alarms()
        cores.check(self, UPCALL_HANDLER)
        self.stacks()

    # --- configuration against Kconfig ------------------------------------------

    def check_os(self):
        os_ = self.cfg.os
        want = "EXTENDED" if self.extended_status else "STANDARD"
        if os_.status is not None and os_.status != want:
            raise OilError(os_.status_loc,
                           f"OS {os_.name}: STATUS = {os_.status}, but the build is configured "
                           f"for {want.lower()} status (CONFIG_OS_STATUS_{want}); Kconfig "
                           f"decides: set CONFIG_OS_STATUS_{os_.status}=y in prj.conf or "
                           f"change the OIL file")
        if os_.kernel_type is not None and os_.kernel_type != self.klass:
            raise OilError(os_.kernel_type_loc,
                           f"OS {os_.name}: KERNEL_TYPE = {os_.kernel_type}, but the build is "
                           f"configured for {self.klass} (CONFIG_OS_CLASS_{self.klass}); "
                           f"Kconfig decides: set CONFIG_OS_CLASS_{os_.kernel_type}=y in "
                           f"prj.conf or change the OIL file")

    def class_error(self, loc, what, needs):
        raise OilError(loc, f"{what} needs conformance class {needs}, but the build is "
                            f"configured for {self.klass} (CONFIG_OS_CLASS_{self.klass})")

    def check_class(self):
        if len(self.tasks) > MAX_TASKS:
            raise OilError(self.tasks[-1].loc, f"more than {MAX_TASKS} tasks")
        ecc = self.klass.startswith("ECC")
        multi = self.klass.endswith("2")
        seen = {}
        for t in self.tasks:
            if t.extended and not ecc:
                self.class_error(t.events[0][1], f"TASK {t.name}: EVENT {t.events[0][0]} makes "
                                 "it an extended task, which", "ECC1 or ECC2")
            if t.extended and t.activation > 1:
                raise OilError(t.activation_loc, f"TASK {t.name}: an extended task (it has "
                                                 f"EVENTs) is activated once: ACTIVATION = 1")
            if t.activation > 1 and not multi:
                self.class_error(t.activation_loc,
                                 f"TASK {t.name}: ACTIVATION = {t.activation}",
                                 "BCC2 or ECC2")
            other = seen.setdefault((t.core, t.priority), t)
            if other is not t and not multi:
                self.class_error(t.priority_loc,
                                 f"TASK {t.name}: PRIORITY = {t.priority} is also TASK "
                                 f"{other.name}'s (line {other.priority_loc.line}); several "
                                 "tasks per priority", "BCC2 or ECC2")

    # --- priorities ---------------------------------------------------------------

    def task_levels(self):
        """Levels from 1, each belonging to one core: core 0's priorities in
        increasing order, then core 1's (levels are compared within a core)."""
        self.core_top = []
        counts = []
        for c in range(self.num_cores):
            mine = [t for t in self.tasks if t.core == c]
            lv = Level(t.priority for t in mine)
            for t in mine:
                t.base = sum(counts) + lv.of[t.priority]
            counts.append(lv.count)
            self.core_top.append(sum(counts))
        self.num_levels = sum(counts)
        if self.num_levels > MAX_TASK_LEVELS:
            per_core = "" if self.num_cores == 1 else \
                f" (per core: {' + '.join(str(n) for n in counts)})"
            raise OilError(self.tasks[-1].priority_loc,
                           f"{self.num_levels} different task priorities{per_core}; at most "
                           f"{MAX_TASK_LEVELS}")
        # Internal resources: the ceiling of the tasks using each.
        internal = {}
        for t in self.tasks:
            t.internal = None
            for r, loc in t.resources:
                res = self.cfg.resources.get(r)
                if res is None or not res.internal:
                    continue
                if t.internal is not None:
                    raise OilError(loc, f"TASK {t.name}: a second internal resource ({r}, "
                                        f"after {t.internal})")
                t.internal = r
                internal[r] = max(internal.get(r, 0), t.base)
        for t in self.tasks:
            t.run = self.core_top[t.core] if not t.preemptive else \
                internal.get(t.internal, t.base)
            t.run = max(t.run, t.base)
        self.level_task = [0] * (self.num_levels + 1)
        self.fifo_size = [0] * (self.num_levels + 1)
        for i, t in enumerate(self.tasks):
            self.level_task[t.base] = i
            self.fifo_size[t.base] += t.activation

    def isr_levels(self):
        isrs = list(self.cfg.isrs.values())
        cat2 = [i for i in isrs if i.category == 2]
        cat1 = [i for i in isrs if i.category == 1]
        if cat1 and cat2:
            low1 = min(cat1, key=lambda i: i.priority)
            high2 = max(cat2, key=lambda i: i.priority)
            if low1.priority <= high2.priority:
                raise OilError(low1.loc, f"ISR {low1.name}: a category 1 ISR needs a PRIORITY "
                                         f"above every category 2 ISR (ISR {high2.name} has "
                                         f"{high2.priority})")
        lv = Level(i.priority for i in cat2)
        first = self.num_levels + 1
        sources = {}
        for i in isrs:
            i.level = first + lv.of[i.priority] - 1 if i.category == 2 else 0xFF
            i.gic_prio = 0xF8 - 8 * i.priority
            key = i.source if i.source[0] != "sgi" else ("intid", i.source[1])
            if key in sources:
                raise OilError(i.source_loc, f"ISR {i.name}: SOURCE is also ISR "
                                             f"{sources[key].name}'s")
            sources[key] = i
            if key == ("intid", VTIMER_INTID) and self.system_counter_declared():
                raise OilError(i.source_loc, f"ISR {i.name}: INTID {VTIMER_INTID} is the "
                                             "virtual timer of the system counter")
        self.isrs = isrs
        self.upcall_check(isrs)
        self.lock_mask(cat1)
        self.isr_stack(isrs)

    def upcall_check(self, isrs):
        """The Xen event upcall is an ISR2 whose HANDLER is the driver's body:
        at most one, and only in a build that has the driver."""
        ups = [i for i in isrs if i.handler == UPCALL_HANDLER]
        if ups and self.kconfig.get("CONFIG_XEN_EVENTS") != "y":
            raise OilError(ups[0].handler_loc, f"ISR {ups[0].name}: HANDLER {UPCALL_HANDLER} "
                                               "is the Xen event driver's, and the build has no "
                                               "event driver (CONFIG_XEN_EVENTS is not set)")
        if len(ups) > 1:
            raise OilError(ups[1].handler_loc, f"ISR {ups[1].name}: ISR {ups[0].name} runs the "
                                               "Xen event upcall already")

    # Interrupts of the kernel and its drivers that are no OIL ISR: masked by
    # the kernel lock, so below every category 1 ISR: (what, Kconfig priority
    # symbol, needed when). The Xen event upcall is an OIL ISR2 (HANDLER).
    KERNEL_IRQS = (("the system timer's interrupt", "CONFIG_ARM_VTIMER_IRQ_PRIORITY",
                    "system counter"),
                   ("the kernel's cross-core SGI", "CONFIG_OS_XCORE_IRQ_PRIORITY", "cores"))

    # Interrupt stack per nesting level: the IRQ entry's frame and the
    # dispatcher's calls (ISR_FRAME), plus the body (ISR STACKSIZE; the
    # kernel's own handlers: KERNEL_IRQ_STACK, the alarms' actions included).
    ISR_FRAME = 96
    KERNEL_IRQ_STACK = 256

    def isr_stack(self, isrs):
        """The interrupt stack holds one frame per GIC priority that can nest
        (every ISR priority, the kernel's interrupts): refuse a configuration
        whose deepest nesting does not fit CONFIG_OS_ISR_STACK_SIZE."""
        # Each core has an interrupt stack of its own: the deepest need of any.
        worst = None
        for c in range(self.num_cores):
            mine = [i for i in isrs if i.core == c]
            need = {}
            for i in mine:
                need[i.gic_prio] = max(need.get(i.gic_prio, 0), i.stack_size)
            for _, sym, when in self.KERNEL_IRQS:
                if self.kernel_irq_used(when, c if self.num_cores > 1 else None) \
                        and sym in self.kconfig:
                    p = int(self.kconfig[sym], 0) & 0xF8
                    need[p] = max(need.get(p, 0), self.KERNEL_IRQ_STACK)
            total = sum(n + self.ISR_FRAME for n in need.values())
            if worst is None or total > worst[0]:
                worst = (total, len(need), mine, c)
        self.isr_stack_need, levels, mine, core = worst
        size = self.kconfig.get("CONFIG_OS_ISR_STACK_SIZE")
        if mine and size is not None and self.isr_stack_need > int(size, 0):
            top = min(mine, key=lambda i: i.gic_prio)
            where = "" if self.num_cores == 1 else f" on core {core}"
            raise OilError(top.loc, f"ISR {top.name}: nested interrupts{where} need "
                                    f"{self.isr_stack_need} bytes of interrupt stack ({levels} "
                                    f"priority levels, each its body's STACKSIZE + "
                                    f"{self.ISR_FRAME}), but CONFIG_OS_ISR_STACK_SIZE is {size}")

    def kernel_irq_used(self, when, core=None):
        """Whether a KERNEL_IRQS interrupt exists (on core, if given): the
        system timer's on each core with a system counter, the cross-core
        SGI's on each of 2+ cores."""
        if when == "cores":
            return self.num_cores > 1
        return any(c.system and core in (None, c.core) for c in self.cfg.counters.values())

    def lock_mask(self, cat1):
        """The kernel lock's GIC priority mask: just below the lowest ISR1 (no
        ISR1: 0, every interrupt masked). Category 2 ISRs are below it already;
        the kernel's own interrupts must be too."""
        if not cat1:
            self.lock_pmr = 0
            return
        low1 = min(cat1, key=lambda i: i.priority)
        self.lock_pmr = low1.gic_prio + 8
        for what, sym, when in self.KERNEL_IRQS:
            if not self.kernel_irq_used(when) or sym not in self.kconfig:
                continue
            prio = int(self.kconfig[sym], 0)
            if prio < self.lock_pmr:
                raise OilError(low1.loc, f"ISR {low1.name}: a category 1 ISR must be above "
                                         f"{what} ({sym[7:]} = {prio}, OIL priority "
                                         f"{(0xF8 - prio) // 8} or less); give it PRIORITY "
                                         f"{(0xF8 - prio) // 8 + 1} or more")

    def system_counter_declared(self):
        return any(c.system for c in self.cfg.counters.values())

    def resource_ceilings(self):
        self.res_core = cores.resource_cores(self, self.link_root)
        users = {"RES_SCHEDULER": [self.num_levels]}
        order = ["RES_SCHEDULER"]
        for r in self.cfg.resources.values():
            if not r.internal and r.name != "RES_SCHEDULER":
                order.append(r.name)
                users[r.name] = []
        for t in self.tasks:
            for r, _ in t.resources:
                if r in users:
                    users[r].append(t.base)
        for i in self.isrs:
            for r, _ in i.resources:
                users[r].append(i.level)
        if len(order) > MAX_RESOURCES:
            extra = self.cfg.resources[order[MAX_RESOURCES]]
            raise OilError(extra.loc, f"RESOURCE {extra.name}: more than {MAX_RESOURCES} "
                                      "resources")
        # A linked resource and every resource of its chain share one ceiling:
        # the highest level of any user of any of them.
        root = {name: self.link_root(name) for name in order}
        group = {}
        for name in order:
            group[root[name]] = max(group.get(root[name], 0), max(users[name], default=0))
        self.resources = [(name, group[root[name]]) for name in order]
        # An interrupt-level ceiling masks the GIC priorities from its ISR down.
        self.level_gic = {i.level: i.gic_prio for i in self.isrs if i.category == 2}

    def link_root(self, name):
        """The standard resource at the end of name's LINKEDRESOURCE chain."""
        r = self.cfg.resources.get(name)
        while r is not None and r.linked is not None:
            name = r.linked
            r = self.cfg.resources.get(name)
        return name

    # --- events, counters, alarms -----------------------------------------------------

    def event_masks(self):
        used = {t.name: 0 for t in self.tasks}
        owners = {e: [t for t in self.tasks if e in [n for n, _ in t.events]]
                  for e in self.cfg.events}
        for e in self.cfg.events.values():
            if e.mask is None:
                continue
            for t in owners[e.name]:
                if used[t.name] & e.mask:
                    raise OilError(e.mask_loc, f"EVENT {e.name}: MASK {e.mask:#x} overlaps "
                                               f"another event of TASK {t.name}")
                used[t.name] |= e.mask
        self.event_mask = {}
        for e in self.cfg.events.values():
            mask = e.mask
            if mask is None:
                taken = 0
                for t in owners[e.name]:
                    taken |= used[t.name]
                free = [b for b in range(32) if not taken & (1 << b)]
                if not free:
                    raise OilError(e.mask_loc, f"EVENT {e.name}: MASK = AUTO finds no free "
                                               "bit (32 events per task)")
                mask = 1 << free[0]
                for t in owners[e.name]:
                    used[t.name] |= mask
            self.event_mask[e.name] = mask

    def counters_alarms(self):
        self.counters = list(self.cfg.counters.values())
        # One system counter per core, each on its core's virtual timer; a
        # DIVIDER counter divides the tick of its own core's.
        system = [c for c in self.counters if c.system]
        self.core_system = {}
        for c in system:
            other = self.core_system.setdefault(c.core, c)
            if other is not c:
                where = "" if self.num_cores == 1 else f" of core {c.core}"
                raise OilError(c.loc, f"COUNTER {c.name}: a second system counter{where} "
                                      f"(COUNTER {other.name} is one)")
        self.system_counter = system[0] if system else None
        self.divided = [c for c in self.counters if c.divider]
        for c in self.divided:
            if c.core in self.core_system:
                continue
            where = "" if self.num_cores == 1 else f" of core {c.core}"
            raise OilError(c.divider_loc, f"COUNTER {c.name}: DIVIDER = {c.divider} divides the "
                                          f"system counter's tick, but no COUNTER is the system "
                                          f"counter{where} (SYSTEM_TIMER = TRUE, or one named "
                                          "SystemTimer)")
        self.counter_index = {c.name: i for i, c in enumerate(self.counters)}
        self.alarms = list(self.cfg.alarms.values())
        for al in self.alarms:
            c = self.cfg.counters[al.counter]
            if al.autostart is None:
                continue
            if al.alarmtime > c.max:
                raise OilError(al.alarmtime_loc, f"ALARM {al.name}: ALARMTIME = {al.alarmtime} "
                                                 f"is above COUNTER {c.name}'s MAXALLOWEDVALUE "
                                                 f"{c.max}")
            if al.cycletime != 0 and not c.mincycle <= al.cycletime <= c.max:
                raise OilError(al.cycletime_loc, f"ALARM {al.name}: CYCLETIME = "
                                                 f"{al.cycletime} is outside COUNTER {c.name}'s "
                                                 f"MINCYCLE..MAXALLOWEDVALUE "
                                                 f"({c.mincycle}..{c.max})")

    # --- stacks -------------------------------------------------------------------------

    def stacks(self):
        """Private stacks by task; the shared one holds one frame per base level."""
        per_level = {}
        for t in self.tasks:
            if t.stack_shared:
                per_level[t.base] = max(per_level.get(t.base, 0), t.stack_size)
        self.shared_frames = [per_level[lv] for lv in sorted(per_level)]
        # Per core (its levels): the shared stack of each core's idle loop.
        starts = [0] + self.core_top[:-1]
        self.shared_frames_core = [[per_level[lv] for lv in sorted(per_level)
                                    if starts[c] < lv <= self.core_top[c]]
                                   for c in range(self.num_cores)]
        self.private = [t for t in self.tasks if not t.stack_shared]
