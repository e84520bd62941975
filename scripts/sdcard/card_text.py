"""sdcard.txt: how to write the card, what each file is, what the serial console shows."""

# What each file of the partition is; {…} are filled in by card_text().
WHAT = {
    "boot.scr": "the boot script U-Boot runs by itself (boot.cmd compiled by mkimage)",
    "boot.cmd": "its source, generated from .config (menu \"SD card\"): read it, do not edit it",
    "xen": "Xen {xen} (Debian xen-hypervisor-4.17-armhf), loaded at {xen_addr}",
    "vmlinuz": "the dom0 Linux kernel {kpkg} {kver}, loaded at {dom0_addr}",
    "initrd.gz": "dom0's root file system (initramfs), loaded at {initrd_addr}: starts the Xen "
                 "daemons, mounts this partition on /boot, loads the *.ko here, runs "
                 "`xl create erika.cfg`, leaves a root shell on the console",
    "erika.cfg": "the xl config of the RTOS domain (generated from the devicetree and .config)",
}


def card_text(board, config, kernel, uboot, files, image, kos, spl, bootargs, img, label):
    fill = {
        "xen": kernel.get("XEN_VERSION", "?"),
        "kpkg": kernel.get("KERNEL_PACKAGE", "?"),
        "kver": kernel.get("KERNEL_VERSION", "?"),
        "xen_addr": config.get("CONFIG_SDCARD_XEN_ADDR", "?"),
        "dom0_addr": config.get("CONFIG_SDCARD_DOM0_ADDR", "?"),
        "initrd_addr": config.get("CONFIG_SDCARD_INITRD_ADDR", "?"),
    }
    dtb = config.get("CONFIG_SDCARD_DOM0_DTB", "")
    dom0_mem = config.get("CONFIG_SDCARD_DOM0_MEM_MIB", "?")
    out = [f"ERIKA SD card for {board}", "=" * (len(board) + 17), ""]
    if spl:
        out += ["Write it to the card (everything on the card is lost; find the card's",
                "device with `lsblk` first):", "",
                f"    sudo dd if={img.name} of=/dev/sdX bs=1M conv=fsync", ""]
        out += [f"Layout: U-Boot {uboot.get('UBOOT_VERSION', '?')} (Debian u-boot-sunxi,",
                f"{spl.parent.name}/{spl.name}: SPL + U-Boot) at byte 8192, where the",
                f"boot ROM reads it; partition 1 (ext4, label {label}) after U-Boot's end.",
                "`ninja sdcard` rebuilds it.", ""]
    else:
        out += ["QEMU boots it as the board would, U-Boot first: `ninja run_sdcard`",
                f"(Debian's U-Boot {uboot.get('UBOOT_VERSION', '?')} "
                f"{config.get('CONFIG_SDCARD_UBOOT', '')}/u-boot.bin as -bios, the image as a",
                "virtio disk). It is also a plain disk image for dd:", "",
                f"    sudo dd if={img.name} of=/dev/sdX bs=1M conv=fsync", "",
                f"Layout: partition 1 (ext4, label {label}) from 1 MiB.", ""]
    out += ["The files of partition 1 (also in sdcard/):", ""]
    for name in files:
        if name in WHAT:
            what = WHAT[name].format(**fill)
        elif name == dtb:
            what = (f"dom0's devicetree, from {fill['kpkg']}; boot.cmd adds Xen's /chosen "
                    f"nodes to it at {config.get('CONFIG_SDCARD_FDT_ADDR', '?')}")
        elif name == image:
            what = "the RTOS image (xl loads it at 0x40008000 in its domain)"
        elif name in kos:
            what = f"dom0 module of the application, built for {fill['kpkg']}"
        else:
            what = ""
        out.append(f"  {name:<28} {what}")
    if not dtb:
        out += ["", "dom0's devicetree is the one the firmware hands U-Boot (QEMU's); boot.cmd",
                f"moves it to {config.get('CONFIG_SDCARD_FDT_ADDR', '?')} and adds Xen's "
                "/chosen nodes."]
    out += ["", "The serial console (115200 8N1) shows, in order:", "",
            "  U-Boot's banner, then its distro boot finding boot.scr, and",
            "    ERIKA SD card: loading Xen, the dom0 kernel and its initramfs",
            "    ERIKA SD card: starting Xen",
            "  Xen's boot messages (`(XEN) ...`), among them",
            f"    (XEN) Allocating 1:1 mappings totalling {dom0_mem}MB for dom0:",
            "  dom0 Linux booting (quietly), then dom0's init:",
            "    erika-card: Xen tool stack up (xenstored, xen-init-dom0, xenconsoled)",
            "    erika-card: card partition /dev/... (label " + label + ") mounted on /boot"]
    out += [f"    erika-card: loaded {ko}" for ko in kos]
    out += ["    Parsing config from erika.cfg",
            "    erika-card: RTOS domain created: xl create /boot/erika.cfg",
            "    erika-card: ready: root shell on this console (...)",
            "  and a root shell (`/ #`). There `xl info` shows Xen's command line:",
            f"    xen_commandline : {bootargs}",
            f"  `xl list`; `xl console {config.get('CONFIG_XEN_DOMAIN_NAME', 'ERIKA_Enterprise')}` "
            "shows the RTOS's console (Ctrl-] leaves); `poweroff`.",
            "  Xen's console: Ctrl-a three times switches the serial input between dom0 and Xen.",
            ""]
    return "\n".join(out)
