"""Exact-rational IEEE 754 model used to generate the expected results of
rv64f.S, rv64d.S and rv64fd_cvt.S (RISC-V rules: tininess after rounding,
canonical NaN results, saturating float->int conversions).  Written from the
IEEE 754-2008 and RISC-V F/D specifications; no test vectors were copied."""
from fractions import Fraction as Fr
import math

NX,UF,OF,DZ,NV = 1,2,4,8,16
RNE,RTZ,RDN,RUP,RMM = 'rne','rtz','rdn','rup','rmm'

class Fmt:
    def __init__(s, E, M):
        s.E, s.M = E, M
        s.bias = (1 << (E-1)) - 1
        s.emin = 1 - s.bias
        s.emax = s.bias
        s.qnan = ((1 << E) - 1) << M | (1 << (M-1))
        s.width = 1 + E + M
S = Fmt(8, 23)
D = Fmt(11, 52)

def decode(f, bits):
    sign = bits >> (f.E + f.M)
    e = (bits >> f.M) & ((1 << f.E) - 1)
    m = bits & ((1 << f.M) - 1)
    if e == (1 << f.E) - 1:
        if m == 0: return ('inf', sign)
        return ('snan' if not (m >> (f.M-1)) else 'qnan', sign)
    if e == 0:
        v = Fr(m, 1 << f.M) * Fr(2)**f.emin
    else:
        v = (1 + Fr(m, 1 << f.M)) * Fr(2)**(e - f.bias)
    return ('num', -v if sign else v, sign)

def rnd_int(q, rm, neg):
    # q >= 0 Fraction; returns integer rounded per rm (magnitude), with sign neg
    fl = q.numerator // q.denominator
    rem = q - fl
    if rem == 0: return fl
    if rm == RTZ: return fl
    if rm == RDN: return fl + 1 if neg else fl
    if rm == RUP: return fl if neg else fl + 1
    half = Fr(1, 2)
    if rem > half: return fl + 1
    if rem < half: return fl
    if rm == RMM: return fl + 1
    return fl + (fl & 1)   # RNE

def encode(f, sign, e_field, m):
    return (sign << (f.E + f.M)) | (e_field << f.M) | m

def round_val(f, x, rm, zero_sign=0):
    """x exact Fraction. returns (bits, flags)"""
    if x == 0:
        return encode(f, zero_sign, 0, 0), 0
    neg = x < 0
    a = -x if neg else x
    e = a.numerator.bit_length() - a.denominator.bit_length()
    while Fr(2)**e > a: e -= 1
    while Fr(2)**(e+1) <= a: e += 1
    flags = 0
    # unbounded exponent rounding (for tininess after rounding)
    qu = Fr(2)**(e - f.M)
    ru = rnd_int(a / qu, rm, neg) * qu
    tiny = ru < Fr(2)**f.emin
    ee = max(e, f.emin)
    q = Fr(2)**(ee - f.M)
    n = rnd_int(a / q, rm, neg)
    r = n * q
    inexact = r != a
    if inexact: flags |= NX
    if tiny and inexact: flags |= UF
    maxfin = (2 - Fr(2)**(-f.M)) * Fr(2)**f.emax
    if r > maxfin:
        flags |= OF | NX
        to_inf = rm in (RNE, RMM) or (rm == RUP and not neg) or (rm == RDN and neg)
        if to_inf:
            return encode(f, neg, (1 << f.E) - 1, 0), flags
        r = maxfin
    # encode r
    if r < Fr(2)**f.emin:
        m = r / Fr(2)**f.emin * (1 << f.M)
        assert m.denominator == 1
        return encode(f, neg, 0, int(m)), flags
    e2 = r.numerator.bit_length() - r.denominator.bit_length()
    while Fr(2)**e2 > r: e2 -= 1
    while Fr(2)**(e2+1) <= r: e2 += 1
    m = (r / Fr(2)**e2 - 1) * (1 << f.M)
    assert m.denominator == 1
    return encode(f, neg, e2 + f.bias, int(m)), flags

def nan_in(f, *ops):
    fl = 0
    isnan = False
    for o in ops:
        d = decode(f, o)
        if d[0] == 'snan': fl |= NV; isnan = True
        if d[0] == 'qnan': isnan = True
    return isnan, fl

def inf(f, s): return encode(f, s, (1 << f.E) - 1, 0)

def add(f, a, b, rm, sub=False):
    if sub: b ^= 1 << (f.E + f.M)
    isn, fl = nan_in(f, a, b)
    if isn: return f.qnan, fl
    da, db = decode(f, a), decode(f, b)
    if da[0] == 'inf' and db[0] == 'inf':
        if da[1] != db[1]: return f.qnan, NV
        return inf(f, da[1]), 0
    if da[0] == 'inf': return inf(f, da[1]), 0
    if db[0] == 'inf': return inf(f, db[1]), 0
    x = da[1] + db[1]
    if x == 0:
        if da[2] == db[2] and da[1] == 0 and db[1] == 0: zs = da[2]
        else: zs = 1 if rm == RDN else 0
        return round_val(f, x, rm, zs)
    return round_val(f, x, rm)

def mul(f, a, b, rm):
    isn, fl = nan_in(f, a, b)
    if isn: return f.qnan, fl
    da, db = decode(f, a), decode(f, b)
    s = (a ^ b) >> (f.E + f.M) & 1
    ai = da[0] == 'inf'; bi = db[0] == 'inf'
    if ai or bi:
        other = db if ai else da
        if other[0] == 'num' and other[1] == 0: return f.qnan, NV
        return inf(f, s), 0
    return round_val(f, da[1] * db[1], rm, s)

def div(f, a, b, rm):
    isn, fl = nan_in(f, a, b)
    if isn: return f.qnan, fl
    da, db = decode(f, a), decode(f, b)
    s = (a ^ b) >> (f.E + f.M) & 1
    if da[0] == 'inf' and db[0] == 'inf': return f.qnan, NV
    if da[0] == 'inf': return inf(f, s), 0
    if db[0] == 'inf': return encode(f, s, 0, 0), 0
    if db[1] == 0:
        if da[1] == 0: return f.qnan, NV
        return inf(f, s), DZ
    return round_val(f, da[1] / db[1], rm, s)

def sqrt(f, a, rm):
    isn, fl = nan_in(f, a)
    if isn: return f.qnan, fl
    da = decode(f, a)
    if da[0] == 'inf':
        if da[1]: return f.qnan, NV
        return a, 0
    v = da[1]
    if v == 0: return a, 0
    if v < 0: return f.qnan, NV
    # exact rational sqrt approx with sticky
    P = 400
    num = v.numerator << (2 * P)
    # sqrt(v) = sqrt(num/den)/2^P = sqrt(num*den)/den/2^P
    t = num * v.denominator
    r = math.isqrt(t)
    exact = r * r == t
    x = Fr(r, v.denominator << P)
    if not exact: x += Fr(1, (v.denominator << P) * 4)
    return round_val(f, x, rm)

def fma(f, a, b, c, rm, negprod=False, negc=False):
    # computes (+/-)(a*b) (+/-) c
    sbit = 1 << (f.E + f.M)
    da, db, dc = decode(f, a), decode(f, b), decode(f, c)
    # inf*0 always invalid even if c is qNaN
    ai, bi = da[0] == 'inf', db[0] == 'inf'
    az = da[0] == 'num' and da[1] == 0
    bz = db[0] == 'num' and db[1] == 0
    if (ai and bz) or (bi and az):
        fl = NV
        return f.qnan, fl
    isn, fl = nan_in(f, a, b, c)
    if isn: return f.qnan, fl
    ps = ((a ^ b) >> (f.E + f.M) & 1) ^ (1 if negprod else 0)
    cs = (c >> (f.E + f.M) & 1) ^ (1 if negc else 0)
    if ai or bi:
        if dc[0] == 'inf' and cs != ps: return f.qnan, NV
        return inf(f, ps), 0
    if dc[0] == 'inf': return inf(f, cs), 0
    p = da[1] * db[1]
    if negprod: p = -p
    cv = -dc[1] if negc else dc[1]
    x = p + cv
    if x == 0:
        if p == 0 and cv == 0 and ps == cs: zs = ps
        else: zs = 1 if rm == RDN else 0
        return round_val(f, x, rm, zs)
    return round_val(f, x, rm)

def fbits(f, x):
    """bits of an exactly representable value (python float/Fraction)"""
    b, fl = round_val(f, Fr(x), RNE)
    assert fl == 0, x
    return b

def flagstr(fl):
    if fl == 0: return '0'
    names = [(NV,'FF_NV'),(DZ,'FF_DZ'),(OF,'FF_OF'),(UF,'FF_UF'),(NX,'FF_NX')]
    return '|'.join(n for v, n in names if fl & v)

def cvt_to_int(f, a, rm, bits, signed):
    d = decode(f, a)
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    if d[0] in ('qnan', 'snan'): return hi, NV
    if d[0] == 'inf': return (lo if d[1] else hi), NV
    v = d[1]
    neg = v < 0
    n = rnd_int(abs(v), rm, neg)
    if neg: n = -n
    if n < lo: return lo, NV
    if n > hi: return hi, NV
    return n, (NX if n != v else 0)

def cvt_from_int(f, n, rm):
    return round_val(f, Fr(n), rm)

def cvt_f2f(fsrc, fdst, a, rm):
    d = decode(fsrc, a)
    if d[0] == 'snan': return fdst.qnan, NV
    if d[0] == 'qnan': return fdst.qnan, 0
    if d[0] == 'inf': return inf(fdst, d[1]), 0
    return round_val(fdst, d[1], rm, d[2])

def fminmax(f, a, b, ismax):
    da, db = decode(f, a), decode(f, b)
    fl = NV if 'snan' in (da[0], db[0]) else 0
    an = da[0] in ('qnan', 'snan'); bn = db[0] in ('qnan', 'snan')
    if an and bn: return f.qnan, fl
    if an: return b, fl
    if bn: return a, fl
    def val(d):
        if d[0] == 'inf': return Fr(-10**400) if d[1] else Fr(10**400)
        return d[1]
    va, vb = val(da), val(db)
    if va == vb:
        # zeros with different signs
        sa = a >> (f.E + f.M); sb = b >> (f.E + f.M)
        if ismax: return (a if sa == 0 else b), fl
        return (a if sa == 1 else b), fl
    if ismax: return (a if va > vb else b), fl
    return (a if va < vb else b), fl

def fcmp(f, a, b, op):
    da, db = decode(f, a), decode(f, b)
    an = da[0] in ('qnan', 'snan'); bn = db[0] in ('qnan', 'snan')
    if an or bn:
        if op == 'eq':
            return 0, (NV if 'snan' in (da[0], db[0]) else 0)
        return 0, NV
    def val(d):
        if d[0] == 'inf': return Fr(-10**400) if d[1] else Fr(10**400)
        return d[1]
    va, vb = val(da), val(db)
    return int({'eq': va == vb, 'lt': va < vb, 'le': va <= vb}[op]), 0

def fclass(f, a):
    d = decode(f, a)
    s = a >> (f.E + f.M)
    if d[0] == 'inf': return 1 << (0 if s else 7)
    if d[0] == 'snan': return 1 << 8
    if d[0] == 'qnan': return 1 << 9
    v = d[1]
    if v == 0: return 1 << (3 if s else 4)
    e = (a >> f.M) & ((1 << f.E) - 1)
    if e == 0: return 1 << (2 if s else 5)
    return 1 << (1 if s else 6)
