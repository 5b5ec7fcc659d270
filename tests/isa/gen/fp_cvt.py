"""Print the generated part of rv64fd_cvt.S (checks 1..171; the hand-written
tail starts at 200)."""
from fp_ref import *
RMS = [RNE, RTZ, RDN, RUP, RMM]
M64 = (1 << 64) - 1
lines = []
n = [0]
def nx():
    n[0] += 1; return n[0]
def H(f, x): return '0x%0*x' % (f.width // 4, x)
def HX(x): return '0x%016x' % (x & M64)
def sec(t): lines.append(f"\n        /* ---------------- {t} ---------------- */")
def B(f, v): return fbits(f, Fr(v))
def sext32(x):
    x &= 0xffffffff
    return x - (1 << 32) if x >> 31 else x
def f2i(f, kind, a, rm, cmt):
    bits = 32 if kind in ('w', 'wu') else 64
    signed = kind in ('w', 'l')
    r, fl = cvt_to_int(f, a, rm, bits, signed)
    if bits == 32: r = sext32(r)   # RV64: 32-bit results are sign-extended
    sf = 's' if f is S else 'd'
    lines.append(f"        CVT_F2I {nx():3d}, fcvt.{kind}.{sf}, LDF_{sf.upper()}, {H(f, a)}, {rm}, {HX(r)}, {flagstr(fl)}   /* {cmt} */")
def i2f(f, kind, x, rm, cmt):
    v = x & M64
    if kind == 'w': iv = sext32(v)
    elif kind == 'wu': iv = v & 0xffffffff
    elif kind == 'l': iv = v - (1 << 64) if v >> 63 else v
    else: iv = v
    r, fl = cvt_from_int(f, iv, rm)
    sf = 's' if f is S else 'd'
    rmt = 'none' if (f is D and kind in ('w', 'wu')) else rm
    lines.append(f"        CVT_I2F {nx():3d}, fcvt.{sf}.{kind}, {HX(v)}, {rmt}, CHK_{sf.upper()}, {H(f, r)}, {flagstr(fl)}   /* {cmt} */")
def f2f(fs, fd, a, rm, cmt):
    r, fl = cvt_f2f(fs, fd, a, rm)
    ss = 's' if fs is S else 'd'; sd = 's' if fd is S else 'd'
    rmt = 'none' if fd is D else rm
    lines.append(f"        CVT_F2F {nx():3d}, fcvt.{sd}.{ss}, LDF_{ss.upper()}, {H(fs, a)}, {rmt}, CHK_{sd.upper()}, {H(fd, r)}, {flagstr(fl)}   /* {cmt} */")

for f in (S, D):
    sf = 'S' if f is S else 'D'
    SB = 1 << (f.width - 1)
    qnan = f.qnan; snan = (((1 << f.E) - 1) << f.M) | 1
    pinf = inf(f, 0); ninf = inf(f, 1)
    sec(f"FCVT.W.{sf} / FCVT.WU.{sf}")
    for rm in RMS: f2i(f, 'w', B(f, Fr(3, 2)), rm, f'1.5, {rm}')
    for rm in RMS: f2i(f, 'w', B(f, Fr(-3, 2)), rm, f'-1.5, {rm}')
    f2i(f, 'w', B(f, Fr(5, 2)), RNE, '2.5 -> 2 (ties to even)')
    f2i(f, 'w', B(f, Fr(5, 2)), RMM, '2.5 -> 3 (ties away)')
    f2i(f, 'w', B(f, Fr(-1, 2)), RUP, '-0.5 rup -> 0, inexact')
    f2i(f, 'w', SB, RNE, '-0 -> 0, exact')
    f2i(f, 'w', B(f, -(2 ** 31)), RNE, '-2^31 exact')
    f2i(f, 'w', B(f, 2 ** 31), RNE, '2^31: invalid, saturate')
    f2i(f, 'w', B(f, -(2 ** 32)), RNE, '-2^32: invalid, saturate')
    if f is D:
        f2i(f, 'w', B(f, Fr(2 ** 32 - 1, 2)), RNE, '2^31-0.5 rounds to 2^31: invalid only')
        f2i(f, 'w', B(f, Fr(2 ** 32 - 1, 2)), RTZ, '2^31-0.5 rtz: fits, inexact')
        f2i(f, 'w', B(f, -(2 ** 31) - Fr(1, 2)), RTZ, '-2^31-0.5 rtz: fits')
        f2i(f, 'w', B(f, -(2 ** 31) - Fr(1, 2)), RDN, '-2^31-0.5 rdn: invalid')
    f2i(f, 'w', qnan, RNE, 'NaN -> 2^31-1, invalid')
    f2i(f, 'w', qnan | SB, RNE, 'negative NaN -> 2^31-1 too')
    f2i(f, 'w', pinf, RNE, '+inf -> 2^31-1')
    f2i(f, 'w', ninf, RNE, '-inf -> -2^31')
    f2i(f, 'w', 1, RUP, 'min subnormal rup -> 1')
    f2i(f, 'w', 1, RNE, 'min subnormal -> 0, inexact')
    f2i(f, 'wu', B(f, Fr(3, 2)), RNE, '1.5 -> 2')
    f2i(f, 'wu', B(f, 4000000000), RNE, '4e9: fits in 32 bits, result sign-extended')
    f2i(f, 'wu', B(f, -1), RNE, '-1: invalid, 0')
    f2i(f, 'wu', B(f, Fr(-1, 2)), RTZ, '-0.5 rtz -> 0, only inexact')
    f2i(f, 'wu', B(f, Fr(-1, 2)), RDN, '-0.5 rdn -> -1: invalid')
    f2i(f, 'wu', B(f, 2 ** 32), RNE, '2^32: invalid, all ones')
    f2i(f, 'wu', snan, RNE, 'sNaN: invalid, all ones')
    f2i(f, 'wu', ninf, RNE, '-inf: invalid, 0')
    sec(f"FCVT.L.{sf} / FCVT.LU.{sf}")
    for rm in RMS: f2i(f, 'l', B(f, Fr(-5, 2)), rm, f'-2.5, {rm}')
    f2i(f, 'l', B(f, Fr(7, 2)), RNE, '3.5 -> 4')
    f2i(f, 'l', B(f, -(2 ** 63)), RNE, '-2^63 exact')
    f2i(f, 'l', B(f, 2 ** 63), RNE, '2^63: invalid')
    big = encode(f, 0, f.bias + 62, (1 << f.M) - 1)    # largest below 2^63
    f2i(f, 'l', big, RNE, 'largest value below 2^63: exact')
    f2i(f, 'l', B(f, 2 ** 40 + 1) if f is D else B(f, 2 ** 40), RNE, 'above 32 bits')
    f2i(f, 'l', qnan, RNE, 'NaN -> 2^63-1')
    f2i(f, 'l', ninf, RNE, '-inf -> -2^63')
    f2i(f, 'lu', B(f, 2 ** 63), RNE, '2^63 fits unsigned')
    big2 = encode(f, 0, f.bias + 63, (1 << f.M) - 1)   # largest below 2^64
    f2i(f, 'lu', big2, RNE, 'largest below 2^64')
    f2i(f, 'lu', B(f, 2 ** 64), RNE, '2^64: invalid, all ones')
    f2i(f, 'lu', B(f, -1), RNE, '-1: invalid, 0')
    f2i(f, 'lu', B(f, Fr(-3, 4)), RUP, '-0.75 rup -> 0, inexact')
    f2i(f, 'lu', qnan | SB, RNE, 'NaN -> all ones')
    f2i(f, 'lu', pinf, RNE, '+inf -> all ones')

    sec(f"FCVT.{sf}.W / WU / L / LU")
    i2f(f, 'w', 0, RNE, '0 -> +0')
    i2f(f, 'w', -(2 ** 31), RNE, '-2^31 exact')
    i2f(f, 'w', 0x00000001fffffffe, RNE, 'only rs1[31:0] used: -2')
    i2f(f, 'wu', 0xabcdef01ffffffff, RNE, 'only rs1[31:0] used: 2^32-1')
    i2f(f, 'l', -1, RNE, '-1')
    i2f(f, 'l', 0x7fffffffffffffff, RNE, '2^63-1')
    i2f(f, 'lu', -1, RNE, '2^64-1')
    i2f(f, 'lu', -1, RTZ, '2^64-1 rtz')
    if f is S:
        i2f(f, 'w', 0x7fffffff, RNE, '2^31-1 rounds to 2^31')
        i2f(f, 'w', 0x7fffffff, RTZ, '2^31-1 rtz')
        for rm in RMS: i2f(f, 'w', 2 ** 24 + 1, rm, f'2^24+1, {rm}')
        for rm in RMS: i2f(f, 'w', -(2 ** 24 + 3), rm, f'-(2^24+3), {rm}')
        i2f(f, 'wu', 0xffffffff, RTZ, '2^32-1 rtz')
    else:
        i2f(f, 'w', 0x7fffffff, RTZ, '2^31-1 exact in double')
        i2f(f, 'wu', 0xffffffff, RNE, '2^32-1 exact in double')
        for rm in RMS: i2f(f, 'l', 2 ** 53 + 1, rm, f'2^53+1, {rm}')
        for rm in RMS: i2f(f, 'l', -(2 ** 53 + 3), rm, f'-(2^53+3), {rm}')

sec("FCVT.S.D")
one3 = B(D, Fr(1, 3)) if False else round_val(D, Fr(1, 3), RNE)[0]
for rm in RMS: f2f(D, S, one3, rm, f'1/3 (double) to single, {rm}')
f2f(D, S, one3 | (1 << 63), RDN, '-1/3, rdn')
f2f(D, S, round_val(D, Fr(10 ** 300), RNE)[0], RNE, '1e300: overflow')
f2f(D, S, round_val(D, Fr(10 ** 300), RNE)[0], RTZ, '1e300 rtz: max single')
f2f(D, S, round_val(D, Fr(-(10 ** 300)), RNE)[0], RUP, '-1e300 rup: -max single')
tiny = round_val(D, Fr(1, 10 ** 300), RNE)[0]
f2f(D, S, tiny, RNE, '1e-300: underflow to 0')
f2f(D, S, tiny, RUP, '1e-300 rup: min subnormal')
f2f(D, S, B(D, Fr(1, 2 ** 149)), RNE, '2^-149: exact subnormal, no flags')
f2f(D, S, B(D, Fr(3, 2 ** 150)), RNE, '1.5 * 2^-149: tie to even (2^-148), UF|NX')
f2f(D, S, round_val(D, Fr(2 ** 24 - 1, 2 ** 24) * Fr(1, 2 ** 126) + Fr(1, 2 ** 151) * Fr(3, 2), RNE)[0], RNE, 'just below min normal rounding up: NX only')
f2f(D, S, 0x7ff8000000012345, RNE, 'qNaN with payload -> canonical, no flag')
f2f(D, S, 0x7ff0000000000001, RNE, 'sNaN -> canonical, invalid')
f2f(D, S, inf(D, 1), RNE, '-inf')
f2f(D, S, 1 << 63, RNE, '-0')
f2f(D, S, encode(D, 0, 2046, (1 << 52) - 1), RNE, 'max double: overflow')
sec("FCVT.D.S")
f2f(S, D, 0x3eaaaaab, RNE, 'single 1/3 widens exactly')
f2f(S, D, 1, RNE, 'single min subnormal -> normal double, exact')
f2f(S, D, 0x807fffff, RNE, 'negative subnormal')
f2f(S, D, 0x7f800001, RNE, 'sNaN -> canonical, invalid')
f2f(S, D, 0xffc12345, RNE, 'qNaN payload -> canonical, no flag')
f2f(S, D, 0xff800000, RNE, '-inf')
f2f(S, D, 0x7f7fffff, RNE, 'max single')
print('\n'.join(lines))
import sys
print(f"/* last {n[0]} */", file=sys.stderr)
