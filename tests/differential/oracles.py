"""Running one IPL deck on vm67, Hercules 3.13 (S/370 mode) and SIMH's
IBM 360 simulator, and collecting what each punched on 00D.

Each run happens in its own directory under the work directory; the
return value is (punched bytes, a one-line description of how the run
ended). A run that does not end in the disabled wait x'600D' raises
OracleError with that line and the log's tail.
"""

import os
import re
import shutil
import subprocess


class OracleError(Exception):
    pass


def _tail(path, lines=15):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def _read_punch(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b""


def run_vm67(vm67, deck, directory, storage="2M"):
    os.makedirs(directory, exist_ok=True)
    config = os.path.join(directory, "vm67.cnf")
    punch = os.path.join(directory, "vm67.pch")
    with open(config, "w") as f:
        f.write("MAINSIZE %s\n000C 3505 %s ebcdic eof\n000D 3525 %s ebcdic\n" % (storage, os.path.abspath(deck), punch))
    log = os.path.join(directory, "vm67.log")
    with open(log, "w") as out:
        rc = subprocess.run([vm67, "run", config, "--ipl", "00C", "--batch", "--max-instructions", "200000000"],
                            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL).returncode
    text = _tail(log)
    ending = [line for line in text.splitlines() if "wait" in line.lower()]
    if rc != 0 or not ending or not ending[-1].rstrip().endswith("600D"):
        raise OracleError("vm67 (exit %d): %s" % (rc, text))
    return _read_punch(punch), ending[-1].strip()


def run_hercules(deck, directory, storage_mb=2):
    if shutil.which("hercules") is None:
        raise OracleError("hercules is not installed (Debian package hercules)")
    os.makedirs(directory, exist_ok=True)
    config = os.path.join(directory, "herc.cnf")
    rc_file = os.path.join(directory, "herc.rc")
    punch = os.path.join(directory, "herc.pch")
    if os.path.exists(punch):
        os.unlink(punch)
    with open(config, "w") as f:
        f.write("CPUSERIAL 000001\nCPUMODEL 3145\nMAINSIZE %d\nNUMCPU 1\nARCHMODE S/370\n"
                "000C 3505 %s ebcdic eof\n000D 3525 %s ebcdic\n" % (storage_mb, os.path.abspath(deck), punch))
    with open(rc_file, "w") as f:
        f.write("hao tgt HHCCP011I.*[D]isabled wait\nhao cmd quit\nipl 00c\n")
    log = os.path.join(directory, "herc.log")
    env = dict(os.environ, HERCULES_RC=rc_file)
    with open(log, "w") as out:
        subprocess.run(["hercules", "-f", config, "-d"], stdout=out, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, env=env, cwd=directory, timeout=1800)
    text = _tail(log, 40)
    at = text.rfind("HHCCP011I")
    if at < 0:
        raise OracleError("hercules: no disabled wait: %s" % text)
    # Hercules's logger sometimes drops the PSW line that follows the
    # message when it shuts down at once; the punch is complete only if
    # the program reached its end, which the caller checks by its length.
    ending = re.search(r"PSW=([0-9A-Fa-f]{8}) ([0-9A-Fa-f]{8})", text[at:])
    if ending is not None and not ending.group(2).upper().endswith("600D"):
        raise OracleError("hercules: %s" % text)
    return _read_punch(punch), ending.group(0) if ending else "disabled wait (PSW not logged)"


def simh_binary():
    path = os.environ.get("SIMH_IBM360", "/tmp/cpuv/sims/BIN/ibm360")
    return path if os.path.exists(path) else None


def run_simh(deck, directory, storage="2M"):
    binary = simh_binary()
    if binary is None:
        raise OracleError("SIMH ibm360 not found (set SIMH_IBM360)")
    os.makedirs(directory, exist_ok=True)
    script = os.path.join(directory, "simh.ini")
    punch = os.path.join(directory, "simh.pch")
    if os.path.exists(punch):
        os.unlink(punch)
    with open(script, "w") as f:
        f.write("set cpu %s univ dat\n"
                "set cdr0 format=ebcdic\nattach cdr0 %s\n"
                "set cdp0 format=ebcdic\nattach cdp0 %s\n"
                "boot cdr0\ndetach cdp0\nquit\n" % (storage, os.path.abspath(deck), punch))
    log = os.path.join(directory, "simh.log")
    with open(log, "w") as out:
        subprocess.run([binary, script], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                       cwd=directory, timeout=600)
    text = _tail(log, 40)
    if "600d" not in text.lower():
        raise OracleError("simh: %s" % text)
    ending = [line for line in text.splitlines() if "600d" in line.lower()]
    return _read_punch(punch), ending[-1].strip()
