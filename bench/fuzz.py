#!/usr/bin/env python3
"""fuzz.py - the two halves of bench/fuzz.sh (docs/reliability.md).

  fuzz.py annotate SEED IN.c OUT.c
      Put init/exit/ref markers on csmith's functions and globals, chosen
      by a generator seeded with SEED: the same seed gives the same program.

  fuzz.py reasons
      The accepted differences between the plugin and the oracle.

  fuzz.py check PROG.c WORKDIR
      Compile PROG.c with the plugin under -fsyntax-only, -O0 and -O2, and
      without it at -O0 for the relocation oracle; compare.  Prints one
      line "ok ..." or "FAIL ..." lines; exit 0 agree, 1 disagree or ICE,
      2 the program itself does not compile (an annotator bug).

Environment: CC, PLUGIN, TOP (the source tree, for include/initcheck.h),
CSMITH_INC (csmith's headers), PLUGIN_ARGS (extra plugin arguments, used
by the testsuite to make the plugin miss findings on purpose).

The oracle is independent of the plugin: it reads the object's
relocations with readelf and applies modpost's rules to section names.
"""
import os
import random
import re
import subprocess
import sys
from collections import defaultdict

# ---------------------------------------------------------------- annotate

FUNC_MARKERS = [("__init", 25), ("__exit", 10), ("__ref", 10), ("", 55)]
DATA_MARKERS = [("__initdata", 20), ("__exitdata", 5), ("__refdata", 5),
                ("", 70)]
CONST_MARKERS = [("__initconst", 35), ("", 65)]

FUNC_RE = re.compile(r"^static (.*?)\b(func_\d+)\((.*)\)(;?)\s*$")
GLOBAL_RE = re.compile(
    r"^static ([^=;()]*?)\b(g_\d+)((?:\[\d+\])*)(\s*(?:=.*)?;.*)$")
SCALARS = {"int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
           "uint16_t", "uint32_t", "uint64_t", "int", "long", "short",
           "char", "unsigned", "signed", "const"}


def pick(rng, table):
    n = rng.randrange(sum(w for _, w in table))
    for marker, w in table:
        if n < w:
            return marker
        n -= w
    return ""


def data_marker(rng, spec):
    """A marker that cannot make a section type conflict: const markers
    only on const, non-volatile scalars (GCC puts a const volatile
    object, or a struct with volatile members, in writable memory, and
    two objects of different writability cannot share a section)."""
    toks = spec.replace("*", " * ").split()
    top = toks[len(toks) - toks[::-1].index("*"):] if "*" in toks else toks
    if "const" in top:
        if "volatile" in top or "*" in toks or not set(toks) <= SCALARS:
            return ""
        return pick(rng, CONST_MARKERS)
    return pick(rng, DATA_MARKERS)


def annotate(seed, src, dst):
    rng = random.Random(seed)
    lines = open(src).read().split("\n")
    funcs = {}
    out = ['#include "initcheck.h"']
    for line in lines:
        m = FUNC_RE.match(line)
        if m:
            name = m.group(2)
            if name not in funcs:
                funcs[name] = pick(rng, FUNC_MARKERS)
            if funcs[name]:
                # In the declaration specifiers: after a '*' the
                # attribute would bind to the pointer type.
                line = "static %s %s" % (funcs[name], line[len("static "):])
            out.append(line)
            continue
        m = GLOBAL_RE.match(line)
        if m:
            marker = data_marker(rng, m.group(1))
            if marker:
                line = "static %s%s%s %s%s" % (m.group(1), m.group(2),
                                               m.group(3), marker, m.group(4))
        out.append(line)
    open(dst, "w").write("\n".join(out))


# ------------------------------------------------------------------ compile

def run(cmd, **kw):
    env = dict(os.environ, LC_ALL="C")
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, env=env, **kw)
    return p.returncode, p.stdout


TOP = os.environ.get("TOP") or os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))


def base_cmd():
    return [os.environ.get("CC", "gcc"), "-I" + TOP + "/include",
            "-I" + os.environ.get("CSMITH_INC", "/usr/include/csmith"),
            "-fno-pie", "-fdiagnostics-plain-output"]


FINDING_RE = re.compile(
    r"^(.*?):(\d+):(\d+): (?:warning|error): '([^']+)' \(section ([^)]+)\) "
    r"(?:calls|references) .*? '([^']+)' \(section ([^)]+)\) "
    r"\[initcheck:([\w-]+)\]$")


def plugin_run(prog, work, mode):
    """The plugin's findings (with their notes) under one mode."""
    flags = {"syntax": ["-fsyntax-only"],
             "O0": ["-O0", "-c", "-o", work + "/p0.o"],
             "O2": ["-O2", "-c", "-o", work + "/p2.o"]}[mode]
    flags.append("-fdump-tree-original=%s/original-%s" % (work, mode))
    plugin = os.environ.get("PLUGIN") or TOP + "/plugin/initcheck.so"
    cmd = base_cmd() + ["-fplugin=" + plugin,
                        "-fplugin-arg-initcheck-warn"]
    cmd += os.environ.get("PLUGIN_ARGS", "").split() + flags + [prog]
    rc, out = run(cmd)
    diags, keep = [], False
    for line in out.split("\n"):
        if ": note: " in line:
            if keep:
                diags.append(line)
            continue
        keep = "[initcheck:" in line
        if keep:
            diags.append(line)
    ice = "internal compiler error" in out or rc not in (0, 1)
    return rc, out, diags, ice


# ------------------------------------------------------------------- oracle

def readelf(obj, what):
    return run(["readelf", "--wide", what, obj])[1].split("\n")


def elf_sections(obj):
    secs = {}
    for line in readelf(obj, "-S"):
        m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s+\S+\s+"
                     r"\S+\s+([A-Z]*)\s", line)
        if m:
            secs[int(m.group(1))] = (m.group(2), m.group(4))
    return secs


def elf_symbols(obj, secs):
    """{section name: [(value, size, name, type, bind)]}"""
    syms = defaultdict(list)
    for line in readelf(obj, "-s"):
        f = line.split()
        if len(f) < 8 or not f[0].endswith(":") or not f[6].isdigit():
            continue
        if f[3] in ("FUNC", "OBJECT"):
            syms[secs[int(f[6])][0]].append(
                (int(f[1], 16), int(f[2], 0), f[7], f[3], f[4]))
    return syms


def symbol_at(syms, off, past_end=False):
    """The symbol whose bytes hold OFF, or with PAST_END (a target: the
    address &array[N]) the one that ends there."""
    best = None
    for sym in syms:
        value, size = sym[0], sym[1]
        if value <= off < value + max(size, 1):
            return sym
        if past_end and value + size == off:
            best = sym
    return best


def klass(name, flags):
    """modpost's view of a section: (class, kind)."""
    for prefix, cls in ((".init.", "init"), (".meminit.", "init"),
                        (".exit.", "exit"), (".ref.", "ref"),
                        (".discard", "discard")):
        if name.startswith(prefix):
            return cls, None
    if "X" in flags:
        return "normal", "text"
    return "normal", "data" if "W" in flags else "rodata"


def rule_for(src, tgt):
    """modpost's sectioncheck[] for what csmith can produce, or None."""
    (scls, kind), tcls = src, tgt
    if scls == "normal" and tcls in ("init", "exit"):
        return "%s-from-%s" % (tcls, kind)
    if scls == "init" and tcls == "exit":
        return "exit-from-init"
    if scls == "exit" and tcls == "init":
        return "init-from-exit"
    return None


def relocations(obj, flags, syms):
    """[(section, offset, target section, target offset)] of every
    allocated section but .eh_frame."""
    named = {}
    for sec, lst in syms.items():
        for sym in lst:
            named[sym[2]] = (sec, sym[0])
    relocs, src = [], None
    for line in readelf(obj, "-r"):
        m = re.match(r"Relocation section '\.rela?(\S+)'", line)
        if m:
            src = m.group(1)
            continue
        f = line.split()
        if (src is None or len(f) < 5 or not f[2].startswith("R_")
                or "A" not in flags.get(src, "") or src == ".eh_frame"):
            continue
        addend = 0
        if len(f) >= 7:
            addend = int(f[6], 16) * (-1 if f[5] == "-" else 1)
        if f[4] in named:                   # a symbol, not a section
            tsec, base = named[f[4]]
            addend += base
        elif f[4] in flags:
            tsec = f[4]
        else:
            continue
        relocs.append((src, int(f[0], 16), tsec, addend))
    return relocs


def declared_in(source, name):
    """The function whose definition, in csmith's layout, declares NAME."""
    fn = None
    for line in source.split("\n"):
        # A definition starts in column 0 ("static int16_t func_9(...)");
        # "    if (func_2(x)) {" is a call.
        m = re.match(r"^[A-Za-z_][^=;(]*\b(func_\d+|main) ?\([^;]*$", line)
        if m:
            fn = m.group(1)
        elif fn and re.match(r"^\s+[^=;]*\b%s\b(\[\d+\])* =" % name, line):
            return fn
    return None


def oracle(obj, prog):
    """Every relocation from a section that outlives (or is not allowed to
    see) init to init/exit, by referrer: {(referrer, target, rule):
    [(section, offset)]}; and the static functions nothing that can run
    refers to."""
    secs = elf_sections(obj)
    flags = {name: fl for name, fl in secs.values()}
    syms = elf_symbols(obj, secs)
    relocs = relocations(obj, flags, syms)
    source = open(prog).read()

    def function_at(sec, off):
        sym = symbol_at(syms[sec], off)
        return sym[2] if sym and sym[3] == "FUNC" else None

    # Data GCC makes for a function: the constant an automatic array is
    # copied from (anonymous, in .rodata) or an automatic const array it
    # promoted to a static "l_264.0".  They belong to the function that
    # refers to them, as the automatic variable's initializer does.
    code_refs = defaultdict(list)           # data section -> [(off, fn)]
    for sec, off, tsec, toff in relocs:
        fn = function_at(sec, off)
        if fn and "X" not in flags[tsec]:
            code_refs[tsec].append((toff, fn))

    def referrer(sec, off):
        sym = symbol_at(syms[sec], off)
        if sym and sym[3] == "FUNC":
            return sym[2]
        if sym and sym[0] <= off:
            m = re.match(r"^(\w+)\.\d+$", sym[2])
            if not m:
                return sym[2]
            # A static local keeps its name (less GCC's ".N"); "static"
            # on the same line, not on the function's line above.
            if re.search(r"\bstatic\b[^;=\n]*\b%s\b" % m.group(1), source):
                return m.group(1)
            # An automatic GCC promoted: the function whose body
            # declares it (csmith's names are unique in a program).
            return declared_in(source, m.group(1)) or sym[2]
        else:
            before = [toff for toff, _ in code_refs[sec] if toff <= off]
            start = max(before) if before else None
            users = sorted({fn for toff, fn in code_refs[sec]
                            if toff == start})
        if len(users) == 1:
            return users[0]
        return "<%s+%#x>" % (sec, off)

    funcs = {sym[2]: sym + (sec,) for sec, lst in syms.items()
             for sym in lst if sym[3] == "FUNC"}
    found = defaultdict(list)
    calls = defaultdict(set)                # who refers to which function
    for sec, off, tsec, toff in relocs:
        ref = referrer(sec, off)
        tsym = symbol_at(syms[tsec], toff, past_end=True)
        tname = tsym[2] if tsym else "<%s+%#x>" % (tsec, toff)
        if tsym and tsym[3] == "FUNC":
            calls[tname].add(ref)
        # Data a function owns is judged as the function's code.
        fsec = funcs[ref][5] if ref in funcs else sec
        rule = rule_for(klass(fsec, flags[fsec]),
                        klass(tsec, flags[tsec])[0])
        if rule:
            found[(ref, tname, rule)].append((sec, off))

    # Which functions can run: external ones, and static ones that
    # something that can run refers to; variables count as running.
    live = {n for n, sym in funcs.items() if sym[4] != "LOCAL"}
    changed = True
    while changed:
        changed = False
        for fn in funcs:
            if fn not in live and any(r in live or r not in funcs
                                      for r in calls[fn] if r != fn):
                live.add(fn)
                changed = True
    dead = set(funcs) - live
    return found, dead


def lines_of(obj, found):
    """The source line of each code relocation (addr2line, from -g)."""
    by_sec = defaultdict(list)
    for key, sites in found.items():
        for sec, off in sites:
            by_sec[sec].append((key, off))
    lines = defaultdict(set)
    for sec, items in by_sec.items():
        out = run(["addr2line", "-e", obj, "-j", sec] +
                  ["%#x" % off for _, off in items])[1].split("\n")
        for (key, _), loc in zip(items, out):
            # "??:0" for data: only code has a line table.
            m = re.search(r":(\d+)", loc)
            if m and int(m.group(1)):
                lines[key].add(int(m.group(1)))
    return lines


# A name in a GCC dump: "g_2" in "g_2", "g_2[1]" and "g_2.f0", but not
# in "g_2.3_4", a temporary GCC named after it.
IDENT = r"(?<![\w.])(%s)(?!\w|\.\d)"


def no_strings(line):
    """LINE without the contents of its string literals ("g_4[i]")."""
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', line)


def gimple_refs(dump):
    """{function: set of identifiers} from -fdump-tree-gimple, which GCC
    writes before it builds the CFG and drops unreachable blocks."""
    refs, cur, prev = {}, None, ""
    for line in open(dump):
        line = line.rstrip("\n")
        if line == "{":
            m = re.search(r"(\w+) \(", prev)
            cur = m.group(1) if m else None
            refs[cur] = set()
        elif line == "}":
            cur = None
        elif cur:
            # "g_2.3_4" is a temporary named after g_2, not g_2.
            line = no_strings(line)
            refs[cur].update(re.findall(IDENT % r"\w+", line))
            BODIES[(dump, cur)].append(line)
        prev = line
    return refs


BODIES = defaultdict(list)


def only_unused_loads(dump, fn, target):
    """Whether every mention of TARGET in FN's dump defines a temporary
    whose value is never used, directly or through other such
    temporaries ("_5 = g_96; _6 = (short int) _5;" and nothing reads
    _6): computations -O0 does not emit."""
    body = BODIES[(dump, fn)]
    ident = IDENT
    defs = {}
    for i, line in enumerate(body):
        m = re.match(r"^\s*([\w.]+) = ([^;{]*);$", line)
        if m and not re.search(r"\w \(", m.group(2)):
            defs[m.group(1)] = i
    uses = defaultdict(int)
    for line in body:
        # The declarations at the top ("int _5;") are not uses.
        if (re.match(r"^\s+[^=()]*\s[\w.]+;$", line)
                and not line.strip().startswith("return")):
            continue
        for name in re.findall(r"[\w.]+", line):
            if name in defs:
                uses[name] += 1
    for name in defs:
        uses[name] -= 1                     # its own definition
    dead, changed = set(), True
    while changed:
        changed = False
        for name, i in defs.items():
            if name not in dead and uses[name] <= 0:
                dead.add(name)
                changed = True
                for used in re.findall(r"[\w.]+", body[i].split(" = ", 1)[1]):
                    if used in defs:
                        uses[used] -= 1
    lines = {i for name, i in defs.items() if name in dead}
    mentions = [i for i, l in enumerate(body) if re.search(ident % target, l)]
    return bool(mentions) and all(i in lines for i in mentions)


# ------------------------------------------------------------------ compare

# Why a plugin finding may have no relocation at -O0 (docs/reliability.md).
REASONS = {
    "fe-folded-at-O2":
        "(a finding under -fsyntax-only and -O0 only) from -O1 the C front "
        "end replaces a read of a const variable by its constant value "
        "and folds the expression around it before any plugin sees it, "
        "so the reference is gone from the function's trees at -O2 (the "
        "referrer's -fdump-tree-original at -O2 lacks the target), or is "
        "in a branch the folded condition rules out (the referrer's -O2 "
        "dump has more constant conditions, if (1), 0 && ..., than its "
        "-fsyntax-only one: the plugin walks no such branch), or "
        "every call of the referrer is, and the plugin does not judge a "
        "static function nothing refers to (no function that can run "
        "names it in the -O2 dump)",
    "unused-load":
        "every mention of the target in the referrer's last GIMPLE "
        "(-fdump-tree-optimized) computes a temporary whose value nothing uses, "
        "directly or through other such temporaries (\"_5 = g_96; "
        "_6 = (short int) _5;\" and no use of _6): GCC emits no code for "
        "them, even at -O0",
    "dropped-by-gimplifier":
        "the target is in the referrer's front-end trees "
        "(-fdump-tree-original) but not in its GIMPLE: a read whose value "
        "is unused (the left of a comma, an unused automatic's "
        "initializer) is dropped when GCC gimplifies, even at -O0",
    "unreferenced-static":
        "(a relocation without a finding) the referrer is a static "
        "function that nothing which can run refers to: GCC emits it at "
        "-O0 (and removes it from -O1), the plugin does not judge it, "
        "since it cannot run (docs/design.md)",
    "dead-code":
        "the reference is in the referrer's first GIMPLE "
        "(-fdump-tree-gimple) and not in its last (-fdump-tree-optimized): "
        "code GCC removes as unreachable before emitting any, even at -O0 "
        "(if (0), code after a return or an endless loop, a branch on "
        "&local == parameter)",
    "const-folded":
        "the target is __initconst and the referrer only reads it: GCC "
        "replaces the read by the constant initializer, even at -O0",
}


def check(prog, work):
    os.makedirs(work, exist_ok=True)
    runs = {}
    for mode in ("syntax", "O0", "O2"):
        runs[mode] = plugin_run(prog, work, mode)
    problems = []
    accepted = defaultdict(int)
    for mode, (rc, out, _, ice) in runs.items():
        if ice:
            problems.append("ICE under %s:\n%s" % (mode, out[-2000:]))
        elif rc:
            print("INVALID %s: %s" % (mode, out[-1500:]))
            return 2
    if problems:
        print("FAIL " + "\nFAIL ".join(problems))
        return 1

    keys = {}
    for mode in runs:
        keys[mode] = defaultdict(set)
        for line in runs[mode][2]:
            m = FINDING_RE.match(line)
            if m:
                keys[mode][(m.group(4), m.group(6), m.group(8))].add(
                    (int(m.group(2)), int(m.group(3))))
    moved = 0
    for mode in ("O0", "O2"):
        a, b = keys["syntax"], keys[mode]
        for key in sorted(set(a) | set(b)):
            if key in a and key in b:
                moved += a[key] != b[key]
                continue
            if (mode == "O2" and key in a
                    and (key[1] not in original_refs(work, "O2").get(key[0],
                                                                     ())
                         or key[0] not in live_at_O2(work, prog)
                         or folded_branches(work, key[0]))):
                accepted["fe-folded-at-O2"] += 1
                continue
            problems.append("verdict differs, -fsyntax-only vs %s: %s -> %s "
                            "[%s] only under %s" % (
                                mode, key[0], key[1], key[2],
                                "-fsyntax-only" if key in a else mode))

    plugin = defaultdict(set)
    for line in runs["syntax"][2]:
        m = FINDING_RE.match(line)
        if m:
            plugin[(m.group(4), m.group(6), m.group(8))].add(int(m.group(2)))
        elif ": note: " not in line:
            problems.append("finding the script cannot read: " + line)

    obj = work + "/oracle.o"
    rc, out = run(base_cmd() + ["-O0", "-fno-inline", "-g", "-c", "-o", obj,
                                "-mcmodel=large", "-fno-jump-tables",
                                "-fno-asynchronous-unwind-tables",
                                "-fdump-tree-gimple=" + work + "/gimple",
                                "-fdump-tree-optimized=" + work + "/optimized",
                                prog])
    if rc:
        print("INVALID oracle compile: " + out[-1500:])
        return 2
    found, dead = oracle(obj, prog)
    lines = lines_of(obj, found)
    gimple = gimple_refs(work + "/gimple")
    last = gimple_refs(work + "/optimized")

    for key in sorted(set(found) - set(plugin)):
        if key[0] in dead:
            accepted["unreferenced-static"] += 1
            continue
        problems.append("relocation without a finding: %s -> %s [%s] at %s" %
                        (key[0], key[1], key[2], found[key][:3]))
    for key in sorted(set(plugin) - set(found)):
        referrer, target, rule = key
        why = None
        if (target not in gimple.get(referrer, ())
              and is_initconst(prog, target)):
            why = "const-folded"
        elif (target in gimple.get(referrer, ())
              and target not in last.get(referrer, ())):
            why = "dead-code"
        elif (target not in gimple.get(referrer, ())
              and target in original_refs(work, "O0").get(referrer, ())):
            why = "dropped-by-gimplifier"
        elif only_unused_loads(work + "/optimized", referrer, target):
            why = "unused-load"
        if why:
            accepted[why] += 1
        else:
            problems.append("finding without a relocation: %s -> %s [%s] "
                            "at line %s" % (referrer, target, rule,
                                            sorted(plugin[key])))
    same_line = sum(1 for k in set(found) & set(plugin)
                    if lines.get(k) and lines[k] & plugin[k])
    with_line = sum(1 for k in set(found) & set(plugin) if lines.get(k))
    if problems:
        print("FAIL " + "\nFAIL ".join(problems))
        return 1
    print("ok findings %d relocations %d lines %d/%d moved-at-O2 %d %s" % (
        len(plugin), len(found), same_line, with_line, moved,
        " ".join("%s=%d" % kv for kv in sorted(accepted.items()))))
    return 0


_original = {}


def original_refs(work, mode):
    """{function: identifiers} of the C front end's trees as GCC hands
    them to the middle end (-fdump-tree-original)."""
    if mode not in _original:
        refs, cur = {}, None
        for line in open("%s/original-%s" % (work, mode)):
            m = re.match(r";; Function (\w+)", line)
            if m:
                cur = m.group(1)
                refs[cur] = set()
            elif cur:
                refs[cur].update(re.findall(IDENT % r"\w+",
                                            no_strings(line)))
        _original[mode] = refs
    return _original[mode]


CONSTANT_CONDITION = re.compile(
    r"\bif \([01]\)|(?<![\w.])[01] (?:&&|\|\||\?) ")


def folded_branches(work, fn):
    """Whether FN's trees at -O2 have more conditions the front end made
    constants than at -fsyntax-only: a branch ruled out by a const
    variable's value (if (1) where the source says if (l_932 != 0)), which
    the plugin does not walk at -O2 and GCC does not emit there."""
    def count(mode):
        n, cur = 0, None
        for line in open("%s/original-%s" % (work, mode)):
            m = re.match(r";; Function (\w+)", line)
            if m:
                cur = m.group(1)
            elif cur == fn:
                n += len(CONSTANT_CONDITION.findall(no_strings(line)))
        return n
    return count("O2") > count("syntax")


def live_at_O2(work, prog):
    """The functions that can run according to the front end's trees at
    -O2: non-static ones, and static ones a function that can run names."""
    refs = original_refs(work, "O2")
    source = open(prog).read()
    live = {fn for fn in refs
            if not re.search(r"(?m)^static\b[^;{]*\b%s\(" % fn, source)}
    work_list = list(live)
    while work_list:
        for name in refs.get(work_list.pop(), ()):
            if name in refs and name not in live:
                live.add(name)
                work_list.append(name)
    return live


def is_initconst(prog, name):
    for line in open(prog):
        if re.search(r"\b%s\b(\[\d+\])* __initconst" % name, line):
            return True
    return False


def main(argv):
    if len(argv) == 5 and argv[1] == "annotate":
        annotate(int(argv[2]), argv[3], argv[4])
        return 0
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    if len(argv) == 2 and argv[1] == "reasons":
        for name, why in REASONS.items():
            print("%s: %s" % (name, why))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
