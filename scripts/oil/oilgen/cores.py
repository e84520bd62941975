"""The core of every object (CONFIG_OS_NUM_CORES, OIL CPU_ID) and the checks
of a multicore configuration.

A task, an ISR and a counter belong to the core their CPU_ID names (0 by
default); an alarm to its counter's core; a resource (standard, linked or
internal) to the core of its users, which must be one; RES_SCHEDULER to every
core (each core has its own). With one core every object is on core 0 and
only the CPU_ID range is checked: nothing of the generated text changes.
"""
from . import OilError

# os_res_cfg.core of RES_SCHEDULER (OS_CORE_ANY in kernel/erika/os_cfg_types.h).
ANY = None


def num_cores(kconfig):
    """CONFIG_OS_NUM_CORES; absent (a .config from before it existed): 1."""
    v = kconfig.get("CONFIG_OS_NUM_CORES")
    if v is None:
        return 1
    try:
        n = int(v, 0)
    except ValueError:
        n = 0
    if n < 1:
        raise OilError(None, f"the .config's CONFIG_OS_NUM_CORES = {v} is not a core count")
    return n


def cores_text(n):
    return f"{n} core" if n == 1 else f"{n} cores"


def assign(cfg, n):
    """.core of each task, ISR and counter (their CPU_ID, below n) and alarm."""
    for kind, objs in (("TASK", cfg.tasks), ("ISR", cfg.isrs), ("COUNTER", cfg.counters)):
        for o in objs.values():
            if o.cpu_id >= n:
                raise OilError(o.cpu_id_loc, f"{kind} {o.name}: CPU_ID = {o.cpu_id}, but the "
                                             f"build has {cores_text(n)} (CONFIG_OS_NUM_CORES)")
            o.core = o.cpu_id
    for al in cfg.alarms.values():
        al.core = cfg.counters[al.counter].core


def events_vcpu(kconfig):
    """CONFIG_XEN_EVENTS_VCPU: the vCPU the event channels are bound to (0 if unset)."""
    v = kconfig.get("CONFIG_XEN_EVENTS_VCPU", "0")
    if not v.isdigit():
        raise OilError(None, f"the .config's CONFIG_XEN_EVENTS_VCPU = {v} is not a number")
    return int(v)


def check(lay, upcall_handler):
    """The Xen upcall on the events' core, and the SGI the kernel keeps for
    itself."""
    vcpu = events_vcpu(lay.kconfig)
    for i in lay.isrs:
        if i.handler == upcall_handler and i.core != vcpu:
            raise OilError(i.cpu_id_loc, f"ISR {i.name}: CPU_ID = {i.core}, but the Xen event "
                                         f"channels are bound to vCPU {vcpu} "
                                         "(CONFIG_XEN_EVENTS_VCPU): the upcall ISR "
                                         f"(HANDLER {upcall_handler}) must run there")
    if lay.num_cores < 2:
        return
    sgi = lay.kconfig.get("CONFIG_OS_XCORE_SGI", "15")
    if not sgi.isdigit():
        raise OilError(None, f"the .config's CONFIG_OS_XCORE_SGI = {sgi} is not a number")
    for i in lay.isrs:
        if i.source == ("sgi", int(sgi)):
            raise OilError(i.source_loc, f"ISR {i.name}: SOURCE = SGI{i.source[1]} is the "
                                         "kernel's cross-core SGI (CONFIG_OS_XCORE_SGI): "
                                         "choose another SGI or another CONFIG_OS_XCORE_SGI")


def resource_cores(lay, link_root):
    """{resource name: core} for every resource (ANY for RES_SCHEDULER);
    refuses a resource, or LINKED chain, used on two cores."""
    users = {}      # chain root -> [(core, user, resource name, loc)]
    for kind, objs in (("TASK", lay.tasks), ("ISR", lay.isrs)):
        for o in objs:
            for r, loc in o.resources:
                if r != "RES_SCHEDULER":
                    users.setdefault(link_root(r), []).append((o.core, f"{kind} {o.name}", r, loc))
    for found in users.values():
        first = found[0]
        for u in found[1:]:
            if u[0] != first[0]:
                chain = "" if u[2] == first[2] else f" (a LINKED chain with {first[2]})"
                raise OilError(u[3], f"RESOURCE {u[2]}{chain}: {u[1]} uses it on core {u[0]} "
                                     f"and {first[1]} on core {first[0]}; a resource belongs to "
                                     "the one core of its users")
    core = {name: (users[link_root(name)][0][0] if link_root(name) in users else 0)
            for name in lay.cfg.resources}
    core["RES_SCHEDULER"] = ANY
    return core
