# kernel-linked.py REPORT TREE - the report over vmlinux.o against
# vmlinux.o's own sections (bench/kernel-check.sh, bench/cross-kernel.sh):
# every byte is a unit's, an object's without a manifest (assembler
# files, or sections renamed after compiling: arm64's and RISC-V's EFI
# stub, whose .text is made .init.text), or alignment padding between
# inputs.  The inputs are given in link order, which is ld's: kbuild's own
# command for vmlinux.o (TREE/.vmlinux.o.cmd) is run again with -Map (to a
# temporary file) and its output thrown away, and the input files are read off the map in
# the order ld placed them (vmlinux.a's members, then the archive members
# --start-group ... --end-group pulled in, as ld pulled them).  Exit 1
# when a byte is unexplained.
import json, os, re, shlex, subprocess, sys, tempfile
report, tree = sys.argv[1], sys.argv[2]
def run(*args):
    return subprocess.run(args, cwd=tree, capture_output=True, text=True).stdout
cmd = open(os.path.join(tree, ".vmlinux.o.cmd")).readline().split(":=", 1)[1]
args = shlex.split(cmd)
args[args.index("-o") + 1] = "/dev/null"
with tempfile.NamedTemporaryFile("r", suffix=".map") as mapfile:
    subprocess.run(args + ["-Map=" + mapfile.name], cwd=tree, check=True)
    lines = mapfile.read().splitlines()
inputs, seen, memory = [], set(), False
for line in lines:
    if line.startswith("Linker script and memory map"):
        memory = True
    m = memory and re.search(r"\s0x[0-9a-f]+\s+0x[0-9a-f]+ (\S+)$", line)
    if not m:
        continue
    f = m.group(1)
    am = re.match(r"^.*\.a\((.*)\)$", f)     # a normal archive's member
    f = am.group(1) if am else f
    if f.endswith(".o") and f not in seen and os.path.exists(os.path.join(tree, f)):
        seen.add(f)
        inputs.append(f)
rep = json.loads(run(report, "--json", "--linked", "vmlinux.o", *inputs))
bad = False
print("%-20s %9s %9s %9s %9s %11s" % ("section", "vmlinux.o", "units", "no-manif.", "padding", "unexplained"))
for s in rep["sections"]:
    print("%-20s %9d %9d %9d %9d %11d" % (s["name"], s["linked_bytes"], s["bytes"],
          s["without_manifest"], s["alignment_padding"], s["unexplained"]))
    bad |= s["unexplained"] != 0 or s["alignment_padding"] < 0
print("units: %d in %d objects; init bytes (units): %d" % (rep["units"], rep["objects"], rep["init_bytes"]))
if bad:
    print("FAIL: bytes of vmlinux.o's init sections are unexplained")
sys.exit(1 if bad else 0)
