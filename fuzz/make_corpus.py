#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

Contract: deterministic; rewrites every corpus directory from scratch (files found there that
this script does not write are removed, so run it, then commit the result), except the
`found-*` files: inputs that long fuzzing runs found and scripts/fuzz-merge added because they
raise coverage over these seeds; they are kept as they are. Every seed is
written by us: SIP responses in the style of RFC 4475's torture tests, SCCP frames built from
the layouts in src/sccp/messages.hpp, console lines and configuration files in IOS syntax, plus
the project's own transcripts and example configurations. Files are small (a few KiB at most).
The framer targets read their first byte as the chunking seed, so their seeds start with one.
Usage: fuzz/make_corpus.py  (from anywhere; paths are relative to this file)
"""
import hashlib
import shutil
import struct
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
CORPUS = FUZZ / "corpus"


def write_corpus(target, seeds):
    """seeds: list of (name, bytes); file names are NAME-<8 hex of sha1> so edits show up."""
    out = CORPUS / target
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if not old.name.startswith("found-"):
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()
    for name, data in seeds:
        if isinstance(data, str):
            data = data.encode("utf-8")
        digest = hashlib.sha1(data).hexdigest()[:8]
        (out / f"{name}-{digest}").write_bytes(data)
    print(f"{target}: {len(seeds)} seeds")


# ---------------------------------------------------------------------------------------------
# SIP responses (fuzz_sip_response) — the fixed request of the target: branch z9hG4bKaaaa,
# Call-ID abc@192.0.2.1, CSeq 7 OPTIONS.

VIA = "Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;rport=5062;received=198.51.100.7\r\n"
FROM = "From: <sip:gatewatch@192.0.2.1:5062>;tag=f00d\r\n"
TO = "To: <sip:192.0.2.10:5060>;tag=srv1\r\n"
CALLID = "Call-ID: abc@192.0.2.1\r\n"
CSEQ = "CSeq: 7 OPTIONS\r\n"


def response(status="200 OK", headers=None, body="", length=True):
    hs = headers if headers is not None else [VIA, FROM, TO, CALLID, CSEQ]
    cl = f"Content-Length: {len(body.encode('utf-8', 'surrogateescape'))}\r\n" if length else ""
    return f"SIP/2.0 {status}\r\n" + "".join(hs) + cl + "\r\n" + body


def sip_responses():
    s = []
    s.append(("ok", response()))
    s.append(("trying-100", response("100 Trying")))
    s.append(("unavailable-503", response("503 Service Unavailable", [VIA, FROM, TO, CALLID, CSEQ, "Retry-After: 30\r\n"])))
    s.append(("version-505", response("505 Version Not Supported")))
    s.append(("status-699-empty-reason", response("699 ")))
    s.append(("status-no-reason", response("200")))
    s.append(("status-700", response("700 Too High")))
    s.append(("status-099", response("099 Too Low")))
    s.append(("status-2000", response("2000 OK")))
    s.append(("version-lowercase", response().replace("SIP/2.0 200", "sip/2.0 200", 1)))
    s.append(("version-3", response().replace("SIP/2.0 200", "SIP/3.0 200", 1)))
    s.append(("request-line", "OPTIONS sip:192.0.2.10 SIP/2.0\r\n" + VIA + FROM + TO + CALLID + CSEQ + "Content-Length: 0\r\n\r\n"))
    s.append(("compact-forms", response(headers=[
        "v: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa\r\n", "f: <sip:g@192.0.2.1>;tag=f00d\r\n",
        "t: sip:192.0.2.10;tag=x\r\n", "i: abc@192.0.2.1\r\n", CSEQ, "l: 0\r\n"], length=False)))
    s.append(("case-mixed-names", response(headers=[
        "vIA: SIP/2.0/udp 192.0.2.1:5062;BRANCH=z9hG4bKaaaa\r\n", "FROM: <sip:g@h>;TAG=f00d\r\n",
        "tO: <sip:x@y>\r\n", "CALL-id: abc@192.0.2.1\r\n", "cseq: 7 options\r\n"])))
    s.append(("folded-via", response(headers=[
        "Via: SIP/2.0/UDP\r\n 192.0.2.1:5062\r\n\t;branch=z9hG4bKaaaa\r\n", FROM, TO, CALLID,
        "CSeq:\r\n 7\r\n OPTIONS\r\n"])))
    s.append(("folded-first-line", "SIP/2.0 200 OK\r\n continuation\r\n" + VIA + CALLID + CSEQ + "\r\n"))
    s.append(("odd-whitespace", response(headers=[
        "Via  :\tSIP / 2.0 / UDP   192.0.2.1 : 5062 ; branch = z9hG4bKaaaa ; rport\r\n",
        "From:\t\t<sip:g@h>\t;\ttag\t=\tf00d\r\n", "To    :sip:x@y\r\n",
        "Call-ID:   abc@192.0.2.1   \r\n", "CSeq:   7     OPTIONS   \r\n"])))
    s.append(("lf-only", response().replace("\r\n", "\n")))
    s.append(("mixed-line-ends", response().replace("\r\n", "\n", 3)))
    s.append(("leading-crlf", "\r\n\r\n\n" + response()))
    s.append(("huge-content-length", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 99999999999999999999\r\n"], length=False)))
    s.append(("content-length-65536", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 65536\r\n"], length=False)))
    s.append(("content-length-65537", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 65537\r\n"], length=False)))
    s.append(("content-length-negative", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: -1\r\n"], length=False)))
    s.append(("content-length-conflict", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 4\r\n", "l: 5\r\n"], body="abcd", length=False)))
    s.append(("content-length-repeated-same", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 4\r\n", "l: 0004\r\n"], body="abcd", length=False)))
    s.append(("truncated-body", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 40\r\n"], body="short", length=False)))
    s.append(("extra-datagram-bytes", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Length: 2\r\n"], body="abcdef", length=False)))
    s.append(("no-content-length-body", response(body="v=0\r\no=- 0 0 IN IP4 192.0.2.10\r\n", length=False)))
    s.append(("sdp-body", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Content-Type: application/sdp\r\n", "Accept: application/sdp\r\n", "Allow: INVITE, ACK, OPTIONS, BYE\r\n"], body="v=0\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n")))
    s.append(("multiple-via-values", response(headers=[
        "Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa, SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1\r\n",
        "v: SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKp2;received=2001:db8::99\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("via-33-entries", response(headers=["Via: " + ", ".join(f"SIP/2.0/UDP h{i};branch=z9hG4bK{i}" for i in range(33)) + "\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("via-ipv6-rport", response(headers=["Via: SIP/2.0/UDP [2001:db8::1]:5062;branch=z9hG4bKaaaa;rport=65535;received=[2001:db8::7]\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("via-bad-port", response(headers=["Via: SIP/2.0/UDP 192.0.2.1:65536;branch=z9hG4bKaaaa;rport=99999\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("via-unterminated-bracket", response(headers=["Via: SIP/2.0/UDP [2001:db8::1:5062;branch=z9hG4bKaaaa\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("via-quoted-escaped", response(headers=[
        'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKaaaa;x="a\\"b,c;d=e\\\\", SIP/2.0/UDP h2;branch=z9hG4bKb\r\n', FROM, TO, CALLID, CSEQ])))
    s.append(("via-empty", response(headers=["Via:\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("escaped-display-name", response(headers=[VIA,
        'From: "J\\"o\\\\hn <not-uri>; tag=no" <sip:g@h;lr>;tag=f00d\r\n',
        'To: "%41lice" <sip:%61lice@example.com;transport=udp?x=%20y>;tag=srv1\r\n', CALLID, CSEQ])))
    s.append(("unterminated-display-name", response(headers=[VIA, 'From: "open <sip:g@h>;tag=1\r\n', TO, CALLID, CSEQ])))
    s.append(("unterminated-uri", response(headers=[VIA, "From: <sip:g@h;tag=1\r\n", TO, CALLID, CSEQ])))
    s.append(("unknown-headers", response(headers=[VIA, FROM, TO, CALLID, CSEQ,
        "X-Custom: 1\r\n", "NewFangledHeader:   newfangled value\r\n continued newfangled value\r\n",
        "UnknownHeaderWithUnusualValue: ;;,,;;,;\r\n", "Supported: timer, 100rel\r\n", "Server: Kamailio (5.6)\r\n"])))
    s.append(("bad-header-name", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "Bad Header: x\r\n"])))
    s.append(("header-without-colon", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "JustText\r\n"])))
    s.append(("empty-header-name", response(headers=[VIA, FROM, TO, CALLID, CSEQ, ": value\r\n"])))
    s.append(("non-ascii-reason", response("200 Bien reçu — ✓ ok")))
    s.append(("latin1-bytes", response().encode() .replace(b"OK", b"\xe9\xe8\xff")))
    s.append(("utf8-header-value", response(headers=[VIA, 'From: "Zoë Ærøskøbing" <sip:z@h>;tag=f00d\r\n', TO, CALLID, CSEQ])))
    s.append(("nul-in-header", response().encode().replace(b"abc@192", b"abc\x00@192")))
    s.append(("nul-in-body", response(body="a\x00b\x00c")))
    s.append(("nul-status", b"SIP/2.0 2\x000 OK\r\n" + (VIA + CALLID + CSEQ + "\r\n").encode()))
    s.append(("duplicate-call-id", response(headers=[VIA, FROM, TO, CALLID, CALLID, CSEQ])))
    s.append(("duplicate-cseq", response(headers=[VIA, FROM, TO, CALLID, CSEQ, "CSeq: 8 OPTIONS\r\n"])))
    s.append(("cseq-2pow31", response(headers=[VIA, FROM, TO, CALLID, "CSeq: 2147483648 OPTIONS\r\n"])))
    s.append(("cseq-max", response(headers=[VIA, FROM, TO, CALLID, "CSeq: 2147483647 OPTIONS\r\n"])))
    s.append(("cseq-no-method", response(headers=[VIA, FROM, TO, CALLID, "CSeq: 7\r\n"])))
    s.append(("cseq-leading-zeros", response(headers=[VIA, FROM, TO, CALLID, "CSeq: 0000000000007 OPTIONS\r\n"])))
    s.append(("cseq-other-method", response(headers=[VIA, FROM, TO, CALLID, "CSeq: 7 INVITE\r\n"])))
    s.append(("missing-via", response(headers=[FROM, TO, CALLID, CSEQ])))
    s.append(("missing-call-id", response(headers=[VIA, FROM, TO, CSEQ])))
    s.append(("missing-cseq", response(headers=[VIA, FROM, TO, CALLID])))
    s.append(("missing-header-end", "SIP/2.0 200 OK\r\n" + VIA + CALLID + CSEQ))
    s.append(("status-line-only", "SIP/2.0 200 OK\r\n\r\n"))
    s.append(("empty", b""))
    s.append(("crlf-only", "\r\n\r\n"))
    s.append(("wrong-branch", response(headers=["Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKbbbb\r\n", FROM, TO, CALLID, CSEQ])))
    s.append(("long-reason", response("200 " + "x" * 2000)))
    return s


def sip_streams():
    """fuzz_sip_framer: a chunking seed byte, then a TCP byte stream."""
    ok = response()
    with_body = response("200 OK", body="0123456789")
    compact = ok.replace("Content-Length", "l", 1)
    streams = [
        ("one", ok),
        ("two-back-to-back", ok + with_body),
        ("keepalive-ping-pong", "\r\n\r\n" + ok + "\r\n" + ok + "\r\n\r\n\r\n"),
        ("lone-cr-between", ok + "\r" + ok),
        ("compact-length", compact + compact),
        ("body-split", with_body + with_body[:-4]),
        ("missing-content-length", response(length=False)),
        ("bad-content-length", ok.replace("Content-Length: 0", "Content-Length: x1")),
        ("huge-content-length", ok.replace("Content-Length: 0", "Content-Length: 70000")),
        ("conflicting-length", ok.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nl: 1\r\n")),
        ("folded-length", ok.replace("Content-Length: 0", "Content-Length:\r\n 0")),
        ("no-header-end", "SIP/2.0 200 OK\r\n" + "X-Pad: " + "y" * 3000 + "\r\n"),
        ("lf-only-never-ends", ok.replace("\r\n", "\n")),
        ("garbage-then-message", "\x00\x01\x02\xff\r\n\r\n" + ok),
        ("request-on-stream", "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n" + ok),
        ("empty", ""),
    ]
    out = []
    for i, (name, text) in enumerate(streams):
        data = text.encode("utf-8") if isinstance(text, str) else text
        for seed in (i * 37 % 256, 255 - i):  # two chunkings of each stream
            out.append((f"{name}-s{seed}", bytes([seed]) + data))
    return out


# ---------------------------------------------------------------------------------------------
# SCCP frames (fuzz_sccp_codec, fuzz_sccp_framer): data_length, hdr_version, messageId, body.

def frame(msg_id, body=b"", version=0, data_length=None):
    dl = 4 + len(body) if data_length is None else data_length
    return struct.pack("<III", dl & 0xFFFFFFFF, version, msg_id) + body


def fixed(text, size):
    raw = text.encode()[: size]
    return raw + b"\x00" * (size - len(raw))


def sccp_frames():
    register = fixed("CFB-BRANCH1", 16) + struct.pack("<II", 0, 1) + bytes([192, 0, 2, 1]) + struct.pack("<II", 50, 2)
    register_ack = struct.pack("<I", 30) + b"M/D/YA\x00\x00" + struct.pack("<I", 60) + bytes([17, 0, 0, 0])
    caps = struct.pack("<I", 3) + b"".join(struct.pack("<II", p, 20) + b"\x00" * 8 for p in (4, 2, 11)) + b"\x00" * 16 * 15
    f = [
        ("keepalive", frame(0x0000)),
        ("register", frame(0x0001, register)),
        ("register-48", frame(0x0001, register + b"\x00" * 12)),
        ("register-long-name", frame(0x0001, b"ABCDEFGHIJKLMNOP" + register[16:])),
        ("ipport", frame(0x0002, struct.pack("<I", 2000))),
        ("capabilities-res", frame(0x0010, caps)),
        ("capabilities-res-count-1000", frame(0x0010, struct.pack("<I", 1000) + caps[4:])),
        ("capabilities-res-count-only", frame(0x0010, struct.pack("<I", 18))),
        ("unregister", frame(0x0027)),
        ("register-ack", frame(0x0081, register_ack)),
        ("register-ack-16", frame(0x0081, register_ack[:16])),
        ("register-ack-no-nul", frame(0x0081, struct.pack("<I", 30) + b"ABCDEFGH" + struct.pack("<I", 60))),
        ("capabilities-req", frame(0x009B)),
        ("register-reject", frame(0x009D, fixed("Device not configured", 32))),
        ("register-reject-short", frame(0x009D, b"No")),
        ("register-reject-32-no-nul", frame(0x009D, b"R" * 32)),
        ("register-reject-empty", frame(0x009D)),
        ("reset", frame(0x009F, struct.pack("<I", 2))),
        ("keepalive-ack", frame(0x0100)),
        ("unregister-ack", frame(0x0118, struct.pack("<I", 0))),
        ("unregister-ack-no-status", frame(0x0118)),
        ("unknown-id", frame(0x0111, b"\x01\x02\x03\x04")),
        ("unknown-id-high", frame(0xFFFFFFFF)),
        ("hdr-version-17", frame(0x0100, version=0x12)),
        ("lying-length-longer", frame(0x0081, register_ack, data_length=200)),
        ("lying-length-shorter", frame(0x0081, register_ack, data_length=8)),
        ("lying-length-zero", frame(0x0000, data_length=0)),
        ("lying-length-3", frame(0x0000, data_length=3)),
        ("lying-length-2049", frame(0x0000, data_length=2049)),
        ("lying-length-max", frame(0x0000, data_length=0xFFFFFFFF)),
        ("truncated-header", frame(0x0001, register)[:7]),
        ("truncated-body", frame(0x0001, register)[:20]),
        ("short-ipport", frame(0x0002, b"\x01\x02")),
        ("short-reset", frame(0x009F)),
        ("short-register", frame(0x0001, register[:35])),
        ("empty", b""),
    ]
    return f


def sccp_streams():
    fr = dict(sccp_frames())
    session = [fr["register"], fr["register-ack"], fr["capabilities-req"], fr["capabilities-res"],
               fr["ipport"], fr["keepalive"], fr["keepalive-ack"], fr["keepalive"], fr["keepalive-ack"]]
    streams = [
        ("registration", b"".join(session)),
        ("switchover", fr["keepalive"] + fr["keepalive-ack"] + fr["unregister"] + fr["unregister-ack"] + fr["reset"]),
        ("reject", fr["register"] + fr["register-reject"]),
        ("unknown-between", fr["keepalive"] + fr["unknown-id"] + fr["keepalive-ack"]),
        ("lying-length-mid-stream", fr["keepalive"] + fr["lying-length-2049"] + fr["keepalive"]),
        ("length-below-four", fr["keepalive"] + fr["lying-length-3"]),
        ("truncated-last", fr["register-ack"] + fr["register"][:30]),
        ("short-bodies", fr["short-ipport"] + fr["short-reset"] + fr["register-ack-16"]),
        ("length-limit", frame(0x0111, b"\x00" * 2044)),
        ("empty", b""),
    ]
    out = []
    for i, (name, data) in enumerate(streams):
        for seed in (i * 53 % 256, 128 + i):
            out.append((f"{name}-s{seed}", bytes([seed]) + data))
    return out


# ---------------------------------------------------------------------------------------------
# Console lines (fuzz_cli_line) and configuration files (fuzz_config_loader).

SIP_UA = """sip-ua
 keepalive target ipv4:172.16.0.10 tcp tls
 keepalive target ipv4:172.16.0.20 udp secondary
 keepalive trigger 5
 timers keepalive active 60 down 10
 retry keepalive 3
 keepalive tls ca-file /etc/gatewatch/ca.pem
"""
SCCP = """sccp local eth0
sccp ccm 10.0.0.1 identifier 1 port 2000 version 7.0
sccp ccm cm2.example.com identifier 2 priority 2 version 7.0
sccp
"""
GROUP = """sccp ccm group 1
 bind interface eth0
 description Lab CallManagers
 associate ccm 1 priority 1
 associate ccm 2 priority 2
 associate profile 1 register CFB-BRANCH1
 keepalive retries 3
 keepalive timeout 30
 switchover method immediate
 switchback method guard 120
 connect interval 10
 connect retries 5
 registration timeout 5
 registration retries 3
"""
DSPFARM = """dspfarm profile 1 conference
 maximum sessions 2
 associate application SCCP
 no shutdown
dspfarm profile 2 mtp
 shutdown
dspfarm profile 3 transcode
"""
VOICE_PORT = """voice-port 0/0/0
 busyout monitor keepalive
 description Lobby phone
voice-port 0/1/1
 shutdown
"""
DIAL_PEER = """voice class sip-options-keepalive 10
 description ITSP probe
 transport tcp tls
 sip-profiles 1
dial-peer voice 100 voip
 description To ITSP
 session target ipv4:192.0.2.50:5061
 session transport tcp tls
 voice-class sip options-keepalive profile 10
 no shutdown
"""
GLOBAL = """hostname vgw-branch1
ip name-server 192.0.2.53 2001:db8::53
"""


def cli_sessions():
    full = "configure terminal\n" + GLOBAL + SIP_UA + SCCP + GROUP + DSPFARM + VOICE_PORT + DIAL_PEER + "end\nshow running-config\n"
    s = [
        ("full-configuration", full),
        ("help-everywhere", "?\nconf t\n?\nsip-ua\n?\nkeepalive ?\nkeepalive target ?\nk?\nkeepalive t?\nno ?\ndefault ?\nexit\n"
                            "sccp ccm group 1\n?\nswitchback method ?\nexit\nvoice-port 0/0/1\n?\nend\nshow ?\nsh?\n"),
        ("abbreviations", "conf t\nhostn vgw1\nsip\nkeep tar ipv4:172.16.0.10 tc tl\nkeep trig 4\nex\nsccp ccm gr 1\nasso ccm 1 prio 1\nkeepalive ret 7\nend\nsh run\n"),
        ("errors", "conf t\nsip-ua\nkeepalive trigger 11\nkeepalive trigger\nkeepalive t 3\nkeepalive target ipv4:300.1.1.1\n"
                   "keepalive target ipv4:172.16.0.10 udp tcp\ntimers keepalive active 9 down 10\nbogus command\nexit\n"
                   "sccp ccm group 51\nvoice-port 0/0/0/1\nc\nend\nconf\nsh\nshow bogus\n"),
        ("no-and-default", "conf t\n" + SIP_UA + "no keepalive target secondary\ndefault keepalive trigger\nno retry keepalive\n"
                           "default timers keepalive\nexit\n" + GROUP + "no associate ccm 2\ndefault switchback method\n"
                           "no keepalive retries\nexit\nno sccp ccm group 1\nno sip-ua\nno voice-port 0/0/0\nend\n"),
        ("do-and-ctrl-z", "conf t\nsip-ua\ndo show running-config\ndo configure terminal\nkeepalive trigger 2\x1a\nshow running-config\n"),
        ("global-from-submode", "conf t\nsip-ua\nhostname jumped\nvoice-port 0/0/1\nsip-ua\nend\n"),
        ("exit-exec-then-more", "exit\nconf t\nhostname again\nend\n"),
        ("crlf-and-tabs", "conf t\r\nsip-ua\r\n\tkeepalive\ttrigger\t4\r\n  \r\nexit\r\nend\r\n"),
        ("comments-and-blanks", "! comment\n\n   \nconf t\n  ! indented comment\nend\n"),
        ("case", "CONF T\nSIP-UA\nKEEPALIVE TARGET IPV4:172.16.0.10 TCP\nEND\n"),
        ("ipv6-and-dns", "conf t\nsip-ua\nkeepalive target ipv6:[2001:db8::10]:5070 tcp\nkeepalive target dns:sip.example.com:5080 tcp tls secondary\nend\n"),
        ("non-ascii", "conf t\nhostname caf\u00e9\nvoice-port 0/0/0\n description Zo\u00eb \u2603\nend\n"),
        ("control-chars", b"conf t\nhost\x01name x\nsip-ua\x00\nkeepalive trigger 3\x7f\nend\n"),
    ]
    for name in sorted((ROOT / "tests" / "transcripts").glob("*.in")):
        s.append((f"transcript-{name.stem}", name.read_bytes()))
    return s


def config_files():
    s = [
        ("every-mode", GLOBAL + "!\n" + SIP_UA + "!\n" + SCCP + "!\n" + GROUP + "!\n" + DSPFARM + "!\n" + VOICE_PORT + "!\n" + DIAL_PEER + "end\n"),
        ("sip-ua-only", SIP_UA),
        ("sccp-only", SCCP + GROUP),
        ("dspfarm-only", DSPFARM),
        ("voice-port-only", VOICE_PORT),
        ("dial-peer-only", DIAL_PEER),
        ("crlf", (GLOBAL + SIP_UA + GROUP).replace("\n", "\r\n")),
        ("tabs", SIP_UA.replace(" ", "\t")),
        ("no-final-newline", SIP_UA.rstrip("\n")),
        ("end-inside", SIP_UA + "end\nhostname after-end\n"),
        ("errors", "sip-ua\n keepalive trigger 11\n keepalive target ipv4:300.1.1.1\nbogus command\nsccp ccm group 51\n"
                   "voice-port 0/0/0/1\nhostname\n timers keepalive active 60\n"),
        ("ambiguous", "sccp ccm group 1\n s method immediate\n"),
        ("no-forms", SIP_UA + "no keepalive target secondary\nno sip-ua\nno hostname\nno sccp\n"),
        ("router-extract", "Building configuration...\n\nCurrent configuration : 1234 bytes\n!\nversion 15.7\n"
                           "service timestamps debug datetime msec\nhostname rtr1\n!\ninterface GigabitEthernet0/0\n"
                           " ip address 192.0.2.1 255.255.255.0\n no shutdown\n!\nbanner motd ^C\nAuthorized only\n^C\n"
                           "banner login #one line#\n" + SIP_UA + "!\nline vty 0 4\n transport input ssh\n!\nend\n"),
        ("long-line", "hostname " + "h" * 3000 + "\n"),
        ("non-ascii", "hostname r\u00f6uter\nvoice-port 0/0/0\n description \u00e9t\u00e9 \u2603\n"),
        ("control-chars", b"hostname a\x00b\nsip-ua\n keepalive\x0btrigger 3\n\x1a\n"),
        ("empty", ""),
        ("blank-lines-and-comments", "!\n! only comments\n\n   \n!\n"),
    ]
    for p in (ROOT / "examples" / "gatewatch.cfg", ROOT / "tests" / "check" / "seed_examples.cfg",
              ROOT / "tests" / "check" / "router.txt", ROOT / "tests" / "transcripts" / "write_memory.cfg"):
        if p.exists():
            s.append((f"project-{p.stem}", p.read_bytes()))
    return s


def main():
    write_corpus("fuzz_sip_response", sip_responses())
    write_corpus("fuzz_sip_framer", sip_streams())
    write_corpus("fuzz_sccp_codec", sccp_frames())
    write_corpus("fuzz_sccp_framer", sccp_streams())
    write_corpus("fuzz_cli_line", cli_sessions())
    write_corpus("fuzz_config_loader", config_files())


if __name__ == "__main__":
    main()
