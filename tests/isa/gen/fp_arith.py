"""Print the generated part of rv64f.S (argument s) or rv64d.S (argument d).
Check numbers start at 1; the hand-written tail of each file starts at 197."""
import sys
from fp_ref import *
f = S if sys.argv[1] == 's' else D
sfx = sys.argv[1]
W = f.width
def H(x): return '0x%0*x' % (W // 4, x)
def B(v): return fbits(f, Fr(v))
SB = 1 << (W - 1)
one, two, three, half = B(1), B(2), B(3), B(Fr(1, 2))
m1 = one | SB
pz, nz = 0, SB
pinf = inf(f, 0); ninf = inf(f, 1)
qnan = f.qnan
snan = (((1 << f.E) - 1) << f.M) | 1
qpay = qnan | 0x12345               # quiet NaN with payload
npay = qpay | SB
maxf = encode(f, 0, (1 << f.E) - 2, (1 << f.M) - 1)
minn = encode(f, 0, 1, 0)
mins = 1
ulp = Fr(2) ** -f.M
tie = B(ulp / 2)
tq = B(ulp * 3 / 4)     # 0.75 ulp of 1.0
onep = B(1 + ulp)       # 1 + ulp
onem = B(1 - ulp / 2)   # largest below 1
RMS = [RNE, RTZ, RDN, RUP, RMM]
lines = []
n = [0]
def nx():
    n[0] += 1
    return n[0]
def op2(op, a, b, rm, fn, cmt):
    r, fl = fn(a, b, rm)
    lines.append(f"        FOP2   {nx():3d}, {op}.{sfx}, {H(a)}, {H(b)}, {rm}, {H(r)}, {flagstr(fl)}   /* {cmt} */")
def op1(op, a, rm, fn, cmt):
    r, fl = fn(a, rm)
    lines.append(f"        FOP1   {nx():3d}, {op}.{sfx}, {H(a)}, {rm}, {H(r)}, {flagstr(fl)}   /* {cmt} */")
def op3(op, a, b, c, rm, fn, cmt):
    r, fl = fn(a, b, c, rm)
    lines.append(f"        FOP3   {nx():3d}, {op}.{sfx}, {H(a)}, {H(b)}, {H(c)}, {rm}, {H(r)}, {flagstr(fl)}   /* {cmt} */")
def opnr(op, a, b, fn, cmt):
    r, fl = fn(a, b)
    lines.append(f"        FOP2NR {nx():3d}, {op}.{sfx}, {H(a)}, {H(b)}, {H(r)}, {flagstr(fl)}   /* {cmt} */")
def cmp(op, a, b, cmt):
    r, fl = fcmp(f, a, b, op)
    lines.append(f"        FCMP   {nx():3d}, f{op}.{sfx}, {H(a)}, {H(b)}, {r}, {flagstr(fl)}   /* {cmt} */")
def cls(a, cmt):
    r = fclass(f, a)
    lines.append(f"        FCLS   {nx():3d}, {H(a)}, {hex(r)}   /* {cmt} */")
def sec(t): lines.append(f"\n        /* ---------------- {t} ---------------- */")

ADD = lambda a, b, rm: add(f, a, b, rm)
SUB = lambda a, b, rm: add(f, a, b, rm, sub=True)
MUL = lambda a, b, rm: mul(f, a, b, rm)
DIV = lambda a, b, rm: div(f, a, b, rm)
SQRT = lambda a, rm: sqrt(f, a, rm)
FMADD = lambda a, b, c, rm: fma(f, a, b, c, rm)
FMSUB = lambda a, b, c, rm: fma(f, a, b, c, rm, negc=True)
FNMSUB = lambda a, b, c, rm: fma(f, a, b, c, rm, negprod=True)
FNMADD = lambda a, b, c, rm: fma(f, a, b, c, rm, negprod=True, negc=True)

sec("FADD / FSUB")
op2('fadd', one, two, RNE, ADD, '1 + 2 = 3 exact')
for rm in RMS: op2('fadd', one, tie, rm, ADD, f'1 + half ulp (tie), {rm}')
for rm in RMS: op2('fadd', m1, tie | SB, rm, ADD, f'-1 - half ulp (tie), {rm}')
op2('fadd', onep, tie, RNE, ADD, '(1+ulp) + half ulp: tie to even rounds up')
op2('fadd', one, tq, RNE, ADD, '1 + 0.75 ulp rounds up')
op2('fadd', one, tq, RTZ, ADD, '1 + 0.75 ulp, rtz')
op2('fsub', one, one, RNE, SUB, 'x - x = +0')
op2('fsub', one, one, RDN, SUB, 'x - x = -0 when rounding down')
op2('fadd', pz, nz, RNE, ADD, '+0 + -0 = +0')
op2('fadd', pz, nz, RDN, ADD, '+0 + -0 = -0 in rdn')
op2('fadd', nz, nz, RNE, ADD, '-0 + -0 = -0')
op2('fsub', pz, pz, RNE, SUB, '+0 - +0 = +0')
op2('fsub', three, half, RNE, SUB, '3 - 0.5')
op2('fsub', one, three, RNE, SUB, '1 - 3 = -2')
op2('fadd', pinf, ninf, RNE, ADD, 'inf + -inf: invalid')
op2('fsub', pinf, pinf, RNE, SUB, 'inf - inf: invalid')
op2('fadd', pinf, maxf, RNE, ADD, 'inf + max = inf, exact')
op2('fadd', qnan, one, RNE, ADD, 'qNaN input: canonical NaN, no flag')
op2('fadd', one, npay, RNE, ADD, 'NaN payload not propagated')
op2('fadd', snan, one, RNE, ADD, 'sNaN input: invalid')
op2('fsub', one, snan, RNE, SUB, 'sNaN second operand')
for rm in RMS: op2('fadd', maxf, maxf, rm, ADD, f'overflow, {rm}')
for rm in RMS: op2('fadd', maxf | SB, maxf | SB, rm, ADD, f'negative overflow, {rm}')
op2('fadd', mins, mins, RNE, ADD, 'subnormal + subnormal exact: no UF')
op2('fsub', minn, mins, RNE, SUB, 'normal - subnormal -> subnormal, exact')

sec("FMUL")
op2('fmul', two, three, RNE, MUL, '2 * 3')
op2('fmul', m1, pz, RNE, MUL, '-1 * +0 = -0')
op2('fmul', pinf, pz, RNE, MUL, 'inf * 0: invalid')
op2('fmul', nz, ninf, RNE, MUL, '-0 * -inf: invalid')
op2('fmul', ninf, two, RNE, MUL, '-inf * 2')
op2('fmul', qnan, pinf, RNE, MUL, 'qNaN * inf')
op2('fmul', snan, qnan, RNE, MUL, 'sNaN * qNaN: invalid')
for rm in RMS: op2('fmul', onep, onep, rm, MUL, f'(1+ulp)^2, {rm}')
for rm in RMS: op2('fmul', maxf, two, rm, MUL, f'max * 2 overflow, {rm}')
for rm in RMS: op2('fmul', maxf, two | SB, rm, MUL, f'max * -2 overflow, {rm}')
op2('fmul', minn, half, RNE, MUL, 'minnormal / 2: exact subnormal, no flags')
for rm in RMS: op2('fmul', mins, half, rm, MUL, f'minsub / 2: underflow, {rm}')
op2('fmul', mins | SB, half, RDN, MUL, '-minsub / 2, rdn')
op2('fmul', mins | SB, half, RNE, MUL, '-minsub / 2, rne -> -0')
# tininess after rounding
if f is S:
    ta, tb = 0x3f7ffff0, 0x00800008
else:
    ta, tb = B(1 - Fr(2) ** -49), encode(f, 0, 1, 1 << 4)
    # search a pair for double
    for am in range(B(1) - 16, B(1)):
        for bm in range(minn, minn + 16):
            r, fl = mul(f, am, bm, RNE)
            if r == minn and fl == NX and decode(f, am)[1] * decode(f, bm)[1] < Fr(2) ** f.emin:
                ta, tb = am, bm
                break
        else: continue
        break
op2('fmul', ta, tb, RNE, MUL, 'product just below min normal rounds to it: NX only (tininess after rounding)')
op2('fmul', ta, tb, RTZ, MUL, 'same product, rtz: subnormal, UF|NX')

sec("FDIV")
op2('fdiv', B(6), three, RNE, DIV, '6 / 3')
for rm in RMS: op2('fdiv', one, three, rm, DIV, f'1/3, {rm}')
for rm in RMS: op2('fdiv', m1, three, rm, DIV, f'-1/3, {rm}')
op2('fdiv', one, pz, RNE, DIV, '1 / +0: divide by zero')
op2('fdiv', m1, pz, RNE, DIV, '-1 / +0 = -inf')
op2('fdiv', one, nz, RNE, DIV, '1 / -0 = -inf')
op2('fdiv', pz, pz, RNE, DIV, '0 / 0: invalid (not DZ)')
op2('fdiv', pinf, pinf, RNE, DIV, 'inf / inf: invalid')
op2('fdiv', pinf, pz, RNE, DIV, 'inf / 0 = inf, no DZ')
op2('fdiv', one, ninf, RNE, DIV, '1 / -inf = -0')
op2('fdiv', qnan, pz, RNE, DIV, 'qNaN / 0: no flags')
op2('fdiv', snan, one, RNE, DIV, 'sNaN / 1: invalid')
op2('fdiv', maxf, half, RNE, DIV, 'max / 0.5: overflow')
op2('fdiv', minn, B(4), RNE, DIV, 'minnormal / 4: exact subnormal')
op2('fdiv', mins, three, RNE, DIV, 'minsub / 3: underflow to 0')

sec("FSQRT")
op1('fsqrt', B(4), RNE, SQRT, 'sqrt(4) = 2')
for rm in RMS: op1('fsqrt', two, rm, SQRT, f'sqrt(2), {rm}')
op1('fsqrt', nz, RNE, SQRT, 'sqrt(-0) = -0')
op1('fsqrt', pz, RNE, SQRT, 'sqrt(+0) = +0')
op1('fsqrt', m1, RNE, SQRT, 'sqrt(-1): invalid')
op1('fsqrt', pinf, RNE, SQRT, 'sqrt(inf) = inf')
op1('fsqrt', ninf, RNE, SQRT, 'sqrt(-inf): invalid')
op1('fsqrt', qpay, RNE, SQRT, 'sqrt(qNaN): canonical, no flag')
op1('fsqrt', snan, RNE, SQRT, 'sqrt(sNaN): invalid')
op1('fsqrt', mins, RNE, SQRT, 'sqrt(min subnormal)')
op1('fsqrt', B(Fr(9, 16)), RNE, SQRT, 'sqrt(9/16) = 3/4')

sec("FMADD / FMSUB / FNMSUB / FNMADD")
op3('fmadd', two, three, one, RNE, FMADD, '2*3+1 = 7')
op3('fmsub', two, three, one, RNE, FMSUB, '2*3-1 = 5')
op3('fnmsub', two, three, one, RNE, FNMSUB, '-(2*3)+1 = -5')
op3('fnmadd', two, three, one, RNE, FNMADD, '-(2*3)-1 = -7')
onemu = B(1 - ulp)
op3('fmadd', onep, onemu, m1, RNE, FMADD, '(1+u)(1-u) - 1 = -u^2: single rounding')
for rm in RMS: op3('fmadd', onep, onep, m1, rm, FMADD, f'(1+u)^2 - 1 exact = 2u+u^2, {rm}')
op3('fmadd', maxf, two, maxf | SB, RNE, FMADD, 'max*2 - max = max: no intermediate overflow')
op3('fmadd', pinf, pz, qnan, RNE, FMADD, 'inf*0 + qNaN: invalid anyway')
op3('fmadd', pz, ninf, one, RNE, FMADD, '0*-inf + 1: invalid')
op3('fmadd', pinf, one, ninf, RNE, FMADD, 'inf*1 - inf: invalid')
op3('fmadd', one, one, qpay, RNE, FMADD, '1*1 + qNaN: canonical, no flag')
op3('fmadd', one, one, snan, RNE, FMADD, '1*1 + sNaN: invalid')
op3('fmadd', pz, m1, pz, RNE, FMADD, '(+0*-1) + +0 = +0')
op3('fmadd', pz, m1, pz, RDN, FMADD, '(+0*-1) + +0 = -0 in rdn')
op3('fmadd', pz, m1, nz, RNE, FMADD, '(+0*-1) + -0 = -0')
op3('fnmadd', one, one, m1, RNE, FNMADD, '-(1*1) - (-1) = +0')
op3('fnmsub', one, one, one, RDN, FNMSUB, '-(1*1) + 1 = -0 in rdn')
op3('fmsub', minn, half, mins, RNE, FMSUB, 'subnormal result, exact')
for rm in RMS: op3('fmadd', maxf, maxf, one, rm, FMADD, f'overflow, {rm}')
op3('fnmsub', maxf, maxf, one, RUP, FNMSUB, '-(max*max)+1, rup: -max')

sec("FMIN / FMAX")
opnr('fmin', one, two, lambda a, b: fminmax(f, a, b, False), 'min(1,2)')
opnr('fmax', one, two, lambda a, b: fminmax(f, a, b, True), 'max(1,2)')
opnr('fmin', m1, one, lambda a, b: fminmax(f, a, b, False), 'min(-1,1)')
opnr('fmin', nz, pz, lambda a, b: fminmax(f, a, b, False), 'min(-0,+0) = -0')
opnr('fmin', pz, nz, lambda a, b: fminmax(f, a, b, False), 'min(+0,-0) = -0')
opnr('fmax', nz, pz, lambda a, b: fminmax(f, a, b, True), 'max(-0,+0) = +0')
opnr('fmax', pz, nz, lambda a, b: fminmax(f, a, b, True), 'max(+0,-0) = +0')
opnr('fmin', qnan, one, lambda a, b: fminmax(f, a, b, False), 'min(qNaN,1) = 1, no flag')
opnr('fmax', m1, qpay, lambda a, b: fminmax(f, a, b, True), 'max(-1,qNaN) = -1')
opnr('fmin', snan, one, lambda a, b: fminmax(f, a, b, False), 'min(sNaN,1) = 1, invalid')
opnr('fmax', one, snan, lambda a, b: fminmax(f, a, b, True), 'max(1,sNaN) = 1, invalid')
opnr('fmax', qpay, npay, lambda a, b: fminmax(f, a, b, True), 'max(NaN,NaN) = canonical NaN')
opnr('fmin', snan, qnan, lambda a, b: fminmax(f, a, b, False), 'min(sNaN,qNaN) = canonical, invalid')
opnr('fmin', ninf, maxf, lambda a, b: fminmax(f, a, b, False), 'min(-inf,max)')
opnr('fmax', ninf, pinf, lambda a, b: fminmax(f, a, b, True), 'max(-inf,inf)')
opnr('fmax', mins, pz, lambda a, b: fminmax(f, a, b, True), 'max(minsub,0)')

sec("FSGNJ / FSGNJN / FSGNJX (no flags, no NaN canonicalisation)")
def sgnj(kind):
    def fn(a, b):
        sa, sb = a & SB, b & SB
        mag = a & (SB - 1)
        s = {'j': sb, 'n': sb ^ SB, 'x': sa ^ sb}[kind]
        return mag | s, 0
    return fn
opnr('fsgnj', one, m1, sgnj('j'), 'copysign(1,-1)')
opnr('fsgnj', m1, one, sgnj('j'), 'copysign(-1,1)')
opnr('fsgnjn', one, m1, sgnj('n'), 'sign of -rs2')
opnr('fsgnjn', three, three, sgnj('n'), 'fneg')
opnr('fsgnjx', m1, m1, sgnj('x'), 'xor signs: fabs of -1')
opnr('fsgnjx', m1, one, sgnj('x'), 'xor signs')
opnr('fsgnjx', one, m1, sgnj('x'), 'xor signs')
opnr('fsgnj', qpay, m1, sgnj('j'), 'NaN payload kept, sign set')
opnr('fsgnjn', snan, snan, sgnj('n'), 'sNaN: no invalid flag')
opnr('fsgnjx', ninf, ninf, sgnj('x'), 'fabs(-inf)')

sec("FEQ / FLT / FLE")
cmp('eq', one, one, '1 == 1')
cmp('eq', one, two, '1 == 2')
cmp('eq', nz, pz, '-0 == +0')
cmp('eq', qnan, one, 'quiet compare with qNaN: 0, no flag')
cmp('eq', qnan, qnan, 'qNaN == qNaN: 0')
cmp('eq', snan, one, 'sNaN in FEQ: invalid')
cmp('lt', one, two, '1 < 2')
cmp('lt', two, one, '2 < 1')
cmp('lt', nz, pz, '-0 < +0: false')
cmp('lt', ninf, maxf | SB, '-inf < -max')
cmp('lt', qnan, one, 'FLT with qNaN: invalid')
cmp('lt', one, snan, 'FLT with sNaN: invalid')
cmp('le', one, one, '1 <= 1')
cmp('le', nz, pz, '-0 <= +0')
cmp('le', two, one, '2 <= 1')
cmp('le', one, qnan, 'FLE with qNaN: invalid')
cmp('le', mins, minn, 'subnormal <= normal')

sec("FCLASS")
cls(ninf, '-inf: bit 0')
cls(m1, '-normal: bit 1')
cls(mins | SB, '-subnormal: bit 2')
cls(nz, '-0: bit 3')
cls(pz, '+0: bit 4')
cls(mins, '+subnormal: bit 5')
cls(one, '+normal: bit 6')
cls(pinf, '+inf: bit 7')
cls(snan, 'sNaN: bit 8')
cls(qnan, 'qNaN: bit 9')
cls(npay, 'negative qNaN: bit 9')
cls(snan | SB | 0x100, 'negative sNaN: bit 8')
cls(maxf | SB, '-max: bit 1')
cls(minn - 1, 'largest subnormal: bit 5')
print('\n'.join(lines))
print(f"/* last check number: {n[0]} */", file=sys.stderr)
