"""A stdlib-only client for the EdgeBERT co-simulation protocol (docs/cosim_protocol.md) and a
runner for the job files `edgebert export-job` writes (sw/clients/README.md).

CosimClient speaks the protocol: HELLO, READ, WRITE, WAIT_IRQ, CYCLES, BYE. run_job() does for
one job what the C++ firmware (sw/firmware/inference.cc) does: it loads the memory image, then
pushes each stage's commands through the command queue with the same flow control and interrupt
handling, stops on an early exit and reads the logits. It makes the same bus accesses in the same
order as the firmware over the C++ TcpTransport, so the accelerator spends the same cycles.

The register map comes from edgebert_regs.py, generated into build/gen/python from
yaml/regmap.yaml (put that folder on PYTHONPATH).
"""

import socket
import struct

import edgebert_regs as regs

PROTOCOL_VERSION = 1
HELLO, READ, WRITE, WAIT_IRQ, IRQ_LINE, POWER_CYCLE, CYCLES, BYE = range(1, 9)
REPLY_BIT = 0x80
ERROR_FRAME = 0xFF
STATUS_OK, STATUS_TIMEOUT, STATUS_ERROR = 0, 1, 2
MAX_WORDS = 256 * 1024  # words in one READ or WRITE
MAX_WAIT_MS = 60000  # one WAIT_IRQ
AUX_CHUNK_WORDS = 64  # the firmware writes aux bytes 64 words at a time


class CosimError(Exception):
    """The server refused us, broke the protocol, or the device reported an error."""


class BusError(CosimError):
    """An access was answered with SLVERR or DECERR."""


class CosimClient:
    """One connection to `edgebert sim --serve`."""

    def __init__(self, host, port, timeout_s=30.0):
        self.sock = socket.create_connection((host, port), timeout=timeout_s)
        self.timeout_s = timeout_s
        payload = self._call(HELLO, struct.pack("<I", PROTOCOL_VERSION))
        (version,) = struct.unpack_from("<I", payload)
        if version != PROTOCOL_VERSION:
            raise CosimError("the server speaks protocol version %d" % version)
        self.identity = payload[4:].decode("utf-8", "replace")

    def close(self):
        if self.sock is None:
            return
        try:
            self._call(BYE, b"")
        finally:
            self.sock.close()
            self.sock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _recv_exact(self, n):
        data = bytearray()
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise CosimError("the server closed the connection")
            data += chunk
        return bytes(data)

    def _call(self, frame_type, payload, extra_timeout_s=0.0):
        """Sends one request; returns the reply body after status OK. None for TIMEOUT."""
        self.sock.settimeout(self.timeout_s + extra_timeout_s)
        self.sock.sendall(struct.pack("<IB", len(payload), frame_type) + payload)
        length, reply_type = struct.unpack("<IB", self._recv_exact(5))
        body = self._recv_exact(length)
        if reply_type == ERROR_FRAME:
            raise CosimError("server: " + body.decode("utf-8", "replace"))
        if reply_type != frame_type | REPLY_BIT or not body:
            raise CosimError("unexpected reply type 0x%02x" % reply_type)
        status = body[0]
        if status == STATUS_TIMEOUT and frame_type == WAIT_IRQ:
            return None
        if status != STATUS_OK:
            raise CosimError("device error: " + body[1:].decode("utf-8", "replace"))
        return body[1:]

    def read(self, address, count):
        """count words from address: a list of ints. BusError unless every beat is OKAY."""
        words = []
        while len(words) < count:
            n = min(count - len(words), MAX_WORDS)
            body = self._call(READ, struct.pack("<II", address + 4 * len(words), n))
            response, got = struct.unpack_from("<BI", body)
            if response != 0:
                raise BusError("READ at 0x%08x: bus response %d" % (address, response))
            words.extend(struct.unpack_from("<%dI" % got, body, 5))
        return words

    def write(self, address, words):
        for first in range(0, len(words), MAX_WORDS):
            part = words[first:first + MAX_WORDS]
            payload = struct.pack("<II%dI" % len(part), address + 4 * first, len(part), *part)
            body = self._call(WRITE, payload)
            if body[0] != 0:
                raise BusError("WRITE at 0x%08x: bus response %d" % (address, body[0]))

    def read_reg(self, offset):
        return self.read(regs.MEM_CSR_BASE + offset, 1)[0]

    def write_reg(self, offset, value):
        self.write(regs.MEM_CSR_BASE + offset, [value])

    def wait_irq(self, timeout_ms):
        """True when the interrupt line is high, False when timeout_ms passed first."""
        while True:
            ms = min(timeout_ms, MAX_WAIT_MS)
            if self._call(WAIT_IRQ, struct.pack("<I", ms), ms / 1000.0) is not None:
                return True
            timeout_ms -= ms
            if timeout_ms <= 0:
                return False

    def cycles(self):
        return struct.unpack("<Q", self._call(CYCLES, b""))[0]


# ---- Job files (`edgebert export-job`) ----


class Stage:
    def __init__(self, layer, off_ramp):
        self.layer = layer
        self.off_ramp = off_ramp
        self.loads = []  # (aux byte address, words)
        self.commands = []  # CMD_WORDS words each
        self.logit_values = None  # 256 floats: each AF8 code's value at this off-ramp's bias


class Job:
    def __init__(self):
        self.params = {}
        self.reram = []  # (bus address, words)
        self.writes = []
        self.inputs = []  # (aux byte address, words)
        self.stages = []


def load_job(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line and not line.startswith("#")]
    if not lines or lines[0] != "edgebert-job 1":
        raise ValueError("%s: not an edgebert-job 1 file" % path)
    tokens = " ".join(lines[1:]).split()
    pos = 0

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def words(count):
        nonlocal pos
        pos += count
        return [int(w, 16) for w in tokens[pos - count:pos]]

    job = Job()
    while True:
        record = take()
        if record == "end":
            return job
        if record in ("lanes", "labels", "threshold_q24", "logits_vector", "timeout_ms"):
            job.params[record] = int(take())
        elif record in ("reram", "write"):
            address, count = int(take()), int(take())
            (job.reram if record == "reram" else job.writes).append((address, words(count)))
        elif record in ("input", "load"):
            address, nbytes = int(take()), int(take())
            target = job.inputs if record == "input" else job.stages[-1].loads
            target.append((address, words((nbytes + 3) // 4)))
        elif record == "stage":
            layer, off_ramp = int(take()), int(take()) != 0
            take(), take()  # load and command counts (the records follow)
            job.stages.append(Stage(layer, off_ramp))
        elif record == "command":
            job.stages[-1].commands.append(words(regs.CMD_WORDS))
        elif record == "logit_values":
            job.stages[-1].logit_values = [float(take()) for _ in range(256)]
        else:
            raise ValueError("%s: unknown record %r" % (path, record))


def load_memory(client, job):
    """The driver's Load: the ReRAM tables only when the store does not hold them already (it
    keeps its contents across power cycles), then the WSRAM planes and static aux blocks."""
    reram_held = all(client.read(address, len(w)) == w for address, w in job.reram)
    for address, w in ([] if reram_held else job.reram) + job.writes:
        client.write(address, w)
    return not reram_held


class FirmwareError(CosimError):
    pass


class Runner:
    """sw/firmware/inference.cc's Runner over a CosimClient: the same accesses in the same order."""

    def __init__(self, client, job):
        self.c = client
        self.job = job
        self.pushed = 0
        self.exited = False
        self.interrupts = 0

    def completed(self):
        return (self.c.read_reg(regs.REG_CMD_SEQ_OFFSET) - self.seq0) & 0xFFFFFFFF

    def write_aux(self, blocks):
        for address, w in blocks:
            for first in range(0, len(w), AUX_CHUNK_WORDS):
                self.c.write(regs.MEM_AUX_BASE + address + 4 * first,
                             w[first:first + AUX_CHUNK_WORDS])

    def take_causes(self):
        state = self.c.read_reg(regs.REG_INTR_STATE_OFFSET)
        if state == 0:
            return
        if state & regs.INTR_STATE_ERROR_MASK:
            # Before the clear: clearing ERROR resets ERR_CAUSE.
            cause = self.c.read_reg(regs.REG_ERR_CAUSE_OFFSET)
            seq = self.c.read_reg(regs.REG_ERR_SEQ_OFFSET)
            self.c.write_reg(regs.REG_INTR_STATE_OFFSET, state)
            code = (cause & regs.ERR_CAUSE_CODE_MASK) >> regs.ERR_CAUSE_CODE_SHIFT
            opcode = (cause & regs.ERR_CAUSE_OPCODE_MASK) >> regs.ERR_CAUSE_OPCODE_SHIFT
            raise FirmwareError("the accelerator raised ERROR %s on %s (command sequence %d)" % (
                regs.ERR_CODE_NAMES.get(code, code), regs.OPCODE_NAMES.get(opcode, opcode), seq))
        self.c.write_reg(regs.REG_INTR_STATE_OFFSET, state)
        if state & regs.INTR_STATE_EARLY_EXIT_MASK:
            self.exited = True

    def service(self):
        if not self.c.wait_irq(self.job.params["timeout_ms"]):
            raise FirmwareError("no interrupt within %d ms" % self.job.params["timeout_ms"])
        self.interrupts += 1
        self.take_causes()

    def drain(self):
        while self.completed() < self.pushed and not self.exited:
            self.service()

    def push(self, words, irq):
        # The queue holds `depth` commands; an IRQ every half queue keeps it fed without polling.
        while self.pushed - self.completed() >= self.depth:
            self.service()
            if self.exited:
                return
        half = max(self.depth // 2, 1)
        words = list(words)
        if irq or (self.pushed + 1) % half == 0:
            words[regs.CMD_IRQ_WORD] |= regs.CMD_IRQ_MASK
        for i, w in enumerate(words):
            self.c.write_reg(regs.REG_CMD_DATA_OFFSET(i), w)
        self.c.write_reg(regs.REG_CMD_PUSH_OFFSET, 1)
        self.pushed += 1

    def read_logits(self, labels):
        lanes, vector = self.lanes, self.job.params["logits_vector"]
        values = self.c.read(regs.MEM_UAB_VAL_BASE + vector * lanes, lanes // 4)
        (mask,) = self.c.read(regs.MEM_UAB_MASK_BASE + 4 * vector, 1)
        codes, nxt = [], 0  # the nonzero codes are packed in lane order
        for lane in range(lanes):
            code = 0
            if (mask >> lane) & 1:
                code = (values[nxt // 4] >> (8 * (nxt % 4))) & 0xFF
                nxt += 1
            codes.append(code)
        return codes[:labels]

    def run(self):
        c, p = self.c, self.job.params
        hwcfg0 = c.read_reg(regs.REG_HWCFG0_OFFSET)  # QueueDepth()
        self.depth = (hwcfg0 & regs.HWCFG0_CMDQ_DEPTH_MASK) >> regs.HWCFG0_CMDQ_DEPTH_SHIFT
        hwcfg0 = c.read_reg(regs.REG_HWCFG0_OFFSET)  # Lanes()
        self.lanes = (hwcfg0 & regs.HWCFG0_LANES_MASK) >> regs.HWCFG0_LANES_SHIFT
        if self.lanes != p["lanes"]:
            raise FirmwareError("the job is for n = %d, the accelerator has n = %d" % (
                p["lanes"], self.lanes))
        c.write_reg(regs.REG_INTR_STATE_OFFSET, regs.REG_INTR_STATE_W1C_MASK)
        c.write_reg(regs.REG_INTR_ENABLE_OFFSET, regs.REG_INTR_ENABLE_WRITABLE_MASK)
        c.write_reg(regs.REG_ENTROPY_THRESHOLD_OFFSET, p["threshold_q24"])
        c.write_reg(regs.REG_CTRL_OFFSET, regs.CTRL_ENABLE_MASK | regs.CTRL_CLR_PERF_MASK)
        self.seq0 = c.read_reg(regs.REG_CMD_SEQ_OFFSET)
        self.write_aux(self.job.inputs)
        result = {"exit_layer": -1, "layers_run": 0, "entropies_q24": [], "logit_codes": [],
                  "logit_values": None}
        for stage in self.job.stages:
            self.write_aux(stage.loads)
            for i, words in enumerate(stage.commands):
                self.push(words, i + 1 == len(stage.commands))
                if self.exited:
                    break
            self.drain()
            self.take_causes()  # the last command may have completed without our waiting
            if stage.layer >= 0:
                result["layers_run"] += 1
            if stage.off_ramp:
                result["entropies_q24"].append(c.read_reg(regs.REG_ENTROPY_LAST_OFFSET))
                result["logit_codes"] = self.read_logits(p["labels"])
                result["logit_values"] = stage.logit_values
                if self.exited:
                    result["exit_layer"] = stage.layer
            if result["exit_layer"] >= 0:
                break
        result["commands"] = self.completed()
        # The six PERF counters the firmware reads at the end of a run (low word latches high).
        for name in ("BUSY_CYCLES", "MAC_CYCLES", "VMACS", "VMACS_SKIPPED", "STALL_CYCLES",
                     "SATURATIONS"):
            offset = getattr(regs, "REG_PERF_%s_OFFSET" % name)
            low, high = c.read_reg(offset(0)), c.read_reg(offset(1))
            result["perf_" + name.lower()] = high << 32 | low
        result["interrupts"] = self.interrupts
        return result


def run_job(client, job):
    """Runs one job (its model already loaded): a dict with label, logit_codes, logits,
    exit_layer, layers_run, entropies_q24, commands, interrupts and cycles (the accelerator's
    clock over the run, as `edgebert run` counts them)."""
    start = client.cycles()
    result = Runner(client, job).run()
    result["cycles"] = client.cycles() - start
    values = result.pop("logit_values") or [0.0] * 256
    result["logits"] = [values[code] for code in result["logit_codes"]]
    # The first largest logit, as model::PredictedLabel.
    result["label"] = max(range(len(result["logits"])), key=lambda i: (result["logits"][i], -i))
    return result
