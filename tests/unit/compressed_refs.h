/* Compressed instructions and their 32-bit equivalents, both from riscv64-linux-gnu-as (included by test_decode.c). */
static const struct cref crefs[] = {
    {0x1fe8, 0x3fc10513, "c.addi4spn a0, sp, 1020"}, /* addi a0, sp, 1020 */
    {0x0044, 0x00410493, "c.addi4spn s1, sp, 4"}, /* addi s1, sp, 4 */
    {0x003c, 0x00810793, "c.addi4spn a5, sp, 8"}, /* addi a5, sp, 8 */
    {0x1400, 0x22010413, "c.addi4spn s0, sp, 0x220"}, /* addi s0, sp, 0x220 */
    {0x3de8, 0x0f85b507, "c.fld fa0, 248(a1)"}, /* fld fa0, 248(a1) */
    {0x2004, 0x00043487, "c.fld fs1, 0(s0)"}, /* fld fs1, 0(s0) */
    {0x5de8, 0x07c5a503, "c.lw a0, 124(a1)"}, /* lw a0, 124(a1) */
    {0x42b0, 0x0406a603, "c.lw a2, 64(a3)"}, /* lw a2, 64(a3) */
    {0x42d0, 0x0046a603, "c.lw a2, 4(a3)"}, /* lw a2, 4(a3) */
    {0x7de8, 0x0f85b503, "c.ld a0, 248(a1)"}, /* ld a0, 248(a1) */
    {0x6714, 0x00873683, "c.ld a3, 8(a4)"}, /* ld a3, 8(a4) */
    {0x63c4, 0x0807b483, "c.ld s1, 128(a5)"}, /* ld s1, 128(a5) */
    {0xbde8, 0x0ea5bc27, "c.fsd fa0, 248(a1)"}, /* fsd fa0, 248(a1) */
    {0xa780, 0x0087b427, "c.fsd fs0, 8(a5)"}, /* fsd fs0, 8(a5) */
    {0xdde8, 0x06a5ae23, "c.sw a0, 124(a1)"}, /* sw a0, 124(a1) */
    {0xc2b0, 0x04c6a023, "c.sw a2, 64(a3)"}, /* sw a2, 64(a3) */
    {0xc05c, 0x00f42223, "c.sw a5, 4(s0)"}, /* sw a5, 4(s0) */
    {0xfde8, 0x0ea5bc23, "c.sd a0, 248(a1)"}, /* sd a0, 248(a1) */
    {0xe3d8, 0x08e7b023, "c.sd a4, 128(a5)"}, /* sd a4, 128(a5) */
    {0x0001, 0x00000013, "c.nop"}, /* addi x0, x0, 0 */
    {0x1501, 0xfe050513, "c.addi a0, -32"}, /* addi a0, a0, -32 */
    {0x047d, 0x01f40413, "c.addi s0, 31"}, /* addi s0, s0, 31 */
    {0x1ffd, 0xffff8f93, "c.addi t6, -1"}, /* addi t6, t6, -1 */
    {0x3501, 0xfe05051b, "c.addiw a0, -32"}, /* addiw a0, a0, -32 */
    {0x22fd, 0x01f2829b, "c.addiw t0, 31"}, /* addiw t0, t0, 31 */
    {0x2581, 0x0005859b, "c.addiw a1, 0"}, /* addiw a1, a1, 0 */
    {0x5501, 0xfe000513, "c.li a0, -32"}, /* addi a0, x0, -32 */
    {0x437d, 0x01f00313, "c.li t1, 31"}, /* addi t1, x0, 31 */
    {0x4081, 0x00000093, "c.li ra, 0"}, /* addi ra, x0, 0 */
    {0x7101, 0xe0010113, "c.addi16sp sp, -512"}, /* addi sp, sp, -512 */
    {0x617d, 0x1f010113, "c.addi16sp sp, 496"}, /* addi sp, sp, 496 */
    {0x6141, 0x01010113, "c.addi16sp sp, 16"}, /* addi sp, sp, 16 */
    {0x717d, 0xff010113, "c.addi16sp sp, -16"}, /* addi sp, sp, -16 */
    {0x6125, 0x06010113, "c.addi16sp sp, 0x60"}, /* addi sp, sp, 0x60 */
    {0x7501, 0xfffe0537, "c.lui a0, 0xfffe0"}, /* lui a0, 0xfffe0 */
    {0x64fd, 0x0001f4b7, "c.lui s1, 31"}, /* lui s1, 31 */
    {0x6285, 0x000012b7, "c.lui t0, 1"}, /* lui t0, 1 */
    {0x7ffd, 0xffffffb7, "c.lui t6, 0xfffff"}, /* lui t6, 0xfffff */
    {0x917d, 0x03f55513, "c.srli a0, 63"}, /* srli a0, a0, 63 */
    {0x8085, 0x0014d493, "c.srli s1, 1"}, /* srli s1, s1, 1 */
    {0x9381, 0x0207d793, "c.srli a5, 32"}, /* srli a5, a5, 32 */
    {0x957d, 0x43f55513, "c.srai a0, 63"}, /* srai a0, a0, 63 */
    {0x9781, 0x4207d793, "c.srai a5, 32"}, /* srai a5, a5, 32 */
    {0x8415, 0x40545413, "c.srai s0, 5"}, /* srai s0, s0, 5 */
    {0x9901, 0xfe057513, "c.andi a0, -32"}, /* andi a0, a0, -32 */
    {0x89fd, 0x01f5f593, "c.andi a1, 31"}, /* andi a1, a1, 31 */
    {0x8881, 0x0004f493, "c.andi s1, 0"}, /* andi s1, s1, 0 */
    {0x8d0d, 0x40b50533, "c.sub a0, a1"}, /* sub a0, a0, a1 */
    {0x8c1d, 0x40f40433, "c.sub s0, a5"}, /* sub s0, s0, a5 */
    {0x8e35, 0x00d64633, "c.xor a2, a3"}, /* xor a2, a2, a3 */
    {0x8f45, 0x00976733, "c.or a4, s1"}, /* or a4, a4, s1 */
    {0x8fe1, 0x0087f7b3, "c.and a5, s0"}, /* and a5, a5, s0 */
    {0x9d0d, 0x40b5053b, "c.subw a0, a1"}, /* subw a0, a0, a1 */
    {0x9c9d, 0x40f484bb, "c.subw s1, a5"}, /* subw s1, s1, a5 */
    {0x9e35, 0x00d6063b, "c.addw a2, a3"}, /* addw a2, a2, a3 */
    {0x9fa1, 0x008787bb, "c.addw a5, s0"}, /* addw a5, a5, s0 */
    {0xb001, 0x801ff06f, "c.j .-2048"}, /* jal x0, .-2048 */
    {0xaffd, 0x7fe0006f, "c.j .+2046"}, /* jal x0, .+2046 */
    {0xa009, 0x0020006f, "c.j .+2"}, /* jal x0, .+2 */
    {0xbffd, 0xfffff06f, "c.j .-2"}, /* jal x0, .-2 */
    {0xa455, 0x2a40006f, "c.j .+0x2a4"}, /* jal x0, .+0x2a4 */
    {0xb45d, 0xaa7ff06f, "c.j .-0x55a"}, /* jal x0, .-0x55a */
    {0xd101, 0xf00500e3, "c.beqz a0, .-256"}, /* beq a0, x0, .-256 */
    {0xcc7d, 0x0e040f63, "c.beqz s0, .+254"}, /* beq s0, x0, .+254 */
    {0xc7cd, 0x0a078563, "c.beqz a5, .+0xaa"}, /* beq a5, x0, .+0xaa */
    {0xecfd, 0x0e049f63, "c.bnez s1, .+254"}, /* bne s1, x0, .+254 */
    {0xf281, 0xf00690e3, "c.bnez a3, .-256"}, /* bne a3, x0, .-256 */
    {0xf74d, 0xfa0715e3, "c.bnez a4, .-0x56"}, /* bne a4, x0, .-0x56 */
    {0x157e, 0x03f51513, "c.slli a0, 63"}, /* slli a0, a0, 63 */
    {0x0286, 0x00129293, "c.slli t0, 1"}, /* slli t0, t0, 1 */
    {0x1d82, 0x020d9d93, "c.slli s11, 32"}, /* slli s11, s11, 32 */
    {0x357e, 0x1f813507, "c.fldsp fa0, 504(sp)"}, /* fld fa0, 504(sp) */
    {0x2002, 0x00013007, "c.fldsp ft0, 0(sp)"}, /* fld ft0, 0(sp) */
    {0x2fa2, 0x00813f87, "c.fldsp f31, 8(sp)"}, /* fld f31, 8(sp) */
    {0x557e, 0x0fc12503, "c.lwsp a0, 252(sp)"}, /* lw a0, 252(sp) */
    {0x4092, 0x00412083, "c.lwsp ra, 4(sp)"}, /* lw ra, 4(sp) */
    {0x4f8a, 0x08012f83, "c.lwsp t6, 0x80(sp)"}, /* lw t6, 0x80(sp) */
    {0x757e, 0x1f813503, "c.ldsp a0, 504(sp)"}, /* ld a0, 504(sp) */
    {0x60a2, 0x00813083, "c.ldsp ra, 8(sp)"}, /* ld ra, 8(sp) */
    {0x6912, 0x10013903, "c.ldsp s2, 0x100(sp)"}, /* ld s2, 0x100(sp) */
    {0x8502, 0x00050067, "c.jr a0"}, /* jalr x0, 0(a0) */
    {0x8082, 0x00008067, "c.jr ra"}, /* jalr x0, 0(ra) */
    {0x852e, 0x00b00533, "c.mv a0, a1"}, /* add a0, x0, a1 */
    {0x8f86, 0x00100fb3, "c.mv t6, ra"}, /* add t6, x0, ra */
    {0x9002, 0x00100073, "c.ebreak"}, /* ebreak */
    {0x9502, 0x000500e7, "c.jalr a0"}, /* jalr ra, 0(a0) */
    {0x9f82, 0x000f80e7, "c.jalr t6"}, /* jalr ra, 0(t6) */
    {0x952e, 0x00b50533, "c.add a0, a1"}, /* add a0, a0, a1 */
    {0x917e, 0x01f10133, "c.add sp, t6"}, /* add sp, sp, t6 */
    {0xbfaa, 0x1ea13c27, "c.fsdsp fa0, 504(sp)"}, /* fsd fa0, 504(sp) */
    {0xa47e, 0x01f13427, "c.fsdsp f31, 8(sp)"}, /* fsd f31, 8(sp) */
    {0xdfaa, 0x0ea12e23, "c.swsp a0, 252(sp)"}, /* sw a0, 252(sp) */
    {0xc206, 0x00112223, "c.swsp ra, 4(sp)"}, /* sw ra, 4(sp) */
    {0xc17e, 0x09f12023, "c.swsp t6, 0x80(sp)"}, /* sw t6, 0x80(sp) */
    {0xffaa, 0x1ea13c23, "c.sdsp a0, 504(sp)"}, /* sd a0, 504(sp) */
    {0xe406, 0x00113423, "c.sdsp ra, 8(sp)"}, /* sd ra, 8(sp) */
    {0xe24a, 0x11213023, "c.sdsp s2, 0x100(sp)"}, /* sd s2, 0x100(sp) */
    {0x0015, 0x00500013, "c.nop 5"}, /* addi x0, x0, 5 */
    {0x0501, 0x00050513, "c.addi a0, 0"}, /* addi a0, a0, 0 */
    {0x4015, 0x00500013, "c.li x0, 5"}, /* addi x0, x0, 5 */
    {0x6005, 0x00001037, "c.lui x0, 1"}, /* lui x0, 1 */
    {0x802e, 0x00b00033, "c.mv x0, a1"}, /* add x0, x0, a1 */
    {0x902e, 0x00b00033, "c.add x0, a1"}, /* add x0, x0, a1 */
    {0x0006, 0x00101013, "c.slli x0, 1"}, /* slli x0, x0, 1 */
    {0x0502, 0x00051513, ".hword 0x0502"}, /* slli a0, a0, 0 */
    {0x0338, 0x18810713, "c.addi4spn x14, sp, 392"}, /* addi x14, sp, 392 */
    {0x14ac, 0x26810593, "c.addi4spn x11, sp, 616"}, /* addi x11, sp, 616 */
    {0x11e8, 0x0ec10513, "c.addi4spn x10, sp, 236"}, /* addi x10, sp, 236 */
    {0x016c, 0x08c10593, "c.addi4spn x11, sp, 140"}, /* addi x11, sp, 140 */
    {0x0244, 0x10410493, "c.addi4spn x9, sp, 260"}, /* addi x9, sp, 260 */
    {0x1418, 0x22010713, "c.addi4spn x14, sp, 544"}, /* addi x14, sp, 544 */
    {0x3de4, 0x0f85b487, "c.fld f9, 248(x11)"}, /* fld f9, 248(x11) */
    {0x36b8, 0x0686b707, "c.fld f14, 104(x13)"}, /* fld f14, 104(x13) */
    {0x3538, 0x06853707, "c.fld f14, 104(x10)"}, /* fld f14, 104(x10) */
    {0x2ebc, 0x0586b787, "c.fld f15, 88(x13)"}, /* fld f15, 88(x13) */
    {0x3784, 0x0287b487, "c.fld f9, 40(x15)"}, /* fld f9, 40(x15) */
    {0x2474, 0x0c843687, "c.fld f13, 200(x8)"}, /* fld f13, 200(x8) */
    {0x4310, 0x00072603, "c.lw x12, 0(x14)"}, /* lw x12, 0(x14) */
    {0x4cec, 0x05c4a583, "c.lw x11, 92(x9)"}, /* lw x11, 92(x9) */
    {0x5b9c, 0x0307a783, "c.lw x15, 48(x15)"}, /* lw x15, 48(x15) */
    {0x4d20, 0x05852403, "c.lw x8, 88(x10)"}, /* lw x8, 88(x10) */
    {0x578c, 0x0287a583, "c.lw x11, 40(x15)"}, /* lw x11, 40(x15) */
    {0x5448, 0x02c42503, "c.lw x10, 44(x8)"}, /* lw x10, 44(x8) */
    {0x6504, 0x00853483, "c.ld x9, 8(x10)"}, /* ld x9, 8(x10) */
    {0x68fc, 0x0d04b783, "c.ld x15, 208(x9)"}, /* ld x15, 208(x9) */
    {0x7518, 0x02853703, "c.ld x14, 40(x10)"}, /* ld x14, 40(x10) */
    {0x6310, 0x00073603, "c.ld x12, 0(x14)"}, /* ld x12, 0(x14) */
    {0x6334, 0x04073683, "c.ld x13, 64(x14)"}, /* ld x13, 64(x14) */
    {0x6d8c, 0x0185b583, "c.ld x11, 24(x11)"}, /* ld x11, 24(x11) */
    {0xa35c, 0x08f73027, "c.fsd f15, 128(x14)"}, /* fsd f15, 128(x14) */
    {0xbbc8, 0x0aa7b827, "c.fsd f10, 176(x15)"}, /* fsd f10, 176(x15) */
    {0xa120, 0x04853027, "c.fsd f8, 64(x10)"}, /* fsd f8, 64(x10) */
    {0xbc98, 0x02e4bc27, "c.fsd f14, 56(x9)"}, /* fsd f14, 56(x9) */
    {0xa624, 0x04963427, "c.fsd f9, 72(x12)"}, /* fsd f9, 72(x12) */
    {0xaf28, 0x04a73c27, "c.fsd f10, 88(x14)"}, /* fsd f10, 88(x14) */
    {0xdac8, 0x02a6aa23, "c.sw x10, 52(x13)"}, /* sw x10, 52(x13) */
    {0xde1c, 0x02f62c23, "c.sw x15, 56(x12)"}, /* sw x15, 56(x12) */
    {0xcd64, 0x04952e23, "c.sw x9, 92(x10)"}, /* sw x9, 92(x10) */
    {0xc424, 0x04942423, "c.sw x9, 72(x8)"}, /* sw x9, 72(x8) */
    {0xc9e0, 0x0485aa23, "c.sw x8, 84(x11)"}, /* sw x8, 84(x11) */
    {0xd2f8, 0x06e6a223, "c.sw x14, 100(x13)"}, /* sw x14, 100(x13) */
    {0xe378, 0x0ce73023, "c.sd x14, 192(x14)"}, /* sd x14, 192(x14) */
    {0xf514, 0x02d53423, "c.sd x13, 40(x10)"}, /* sd x13, 40(x10) */
    {0xff40, 0x0a873c23, "c.sd x8, 184(x14)"}, /* sd x8, 184(x14) */
    {0xfa3c, 0x06f63823, "c.sd x15, 112(x12)"}, /* sd x15, 112(x12) */
    {0xeccc, 0x08b4bc23, "c.sd x11, 152(x9)"}, /* sd x11, 152(x9) */
    {0xf5b4, 0x06d5b423, "c.sd x13, 104(x11)"}, /* sd x13, 104(x11) */
    {0x0695, 0x00568693, "c.addi x13, 5"}, /* addi x13, x13, 5 */
    {0x17a9, 0xfea78793, "c.addi x15, -22"}, /* addi x15, x15, -22 */
    {0x0ee1, 0x018e8e93, "c.addi x29, 24"}, /* addi x29, x29, 24 */
    {0x1721, 0xfe870713, "c.addi x14, -24"}, /* addi x14, x14, -24 */
    {0x0895, 0x00588893, "c.addi x17, 5"}, /* addi x17, x17, 5 */
    {0x0f25, 0x009f0f13, "c.addi x30, 9"}, /* addi x30, x30, 9 */
    {0x2d75, 0x01dd0d1b, "c.addiw x26, 29"}, /* addiw x26, x26, 29 */
    {0x3941, 0xff09091b, "c.addiw x18, -16"}, /* addiw x18, x18, -16 */
    {0x2f01, 0x000f0f1b, "c.addiw x30, 0"}, /* addiw x30, x30, 0 */
    {0x2715, 0x0057071b, "c.addiw x14, 5"}, /* addiw x14, x14, 5 */
    {0x3751, 0xff47071b, "c.addiw x14, -12"}, /* addiw x14, x14, -12 */
    {0x2541, 0x0105051b, "c.addiw x10, 16"}, /* addiw x10, x10, 16 */
    {0x4b61, 0x01800b13, "c.li x22, 24"}, /* addi x22, x0, 24 */
    {0x43c1, 0x01000393, "c.li x7, 16"}, /* addi x7, x0, 16 */
    {0x55e5, 0xff900593, "c.li x11, -7"}, /* addi x11, x0, -7 */
    {0x5601, 0xfe000613, "c.li x12, -32"}, /* addi x12, x0, -32 */
    {0x4b35, 0x00d00b13, "c.li x22, 13"}, /* addi x22, x0, 13 */
    {0x4b95, 0x00500b93, "c.li x23, 5"}, /* addi x23, x0, 5 */
    {0x613d, 0x1e010113, "c.addi16sp sp, 480"}, /* addi sp, sp, 480 */
    {0x6175, 0x17010113, "c.addi16sp sp, 368"}, /* addi sp, sp, 368 */
    {0x7129, 0xec010113, "c.addi16sp sp, -320"}, /* addi sp, sp, -320 */
    {0x611d, 0x1a010113, "c.addi16sp sp, 416"}, /* addi sp, sp, 416 */
    {0x614d, 0x0b010113, "c.addi16sp sp, 176"}, /* addi sp, sp, 176 */
    {0x614d, 0x0b010113, "c.addi16sp sp, 176"}, /* addi sp, sp, 176 */
    {0x6305, 0x00001337, "c.lui x6, 0x1"}, /* lui x6, 0x1 */
    {0x6b55, 0x00015b37, "c.lui x22, 0x15"}, /* lui x22, 0x15 */
    {0x7c75, 0xffffdc37, "c.lui x24, 0xffffd"}, /* lui x24, 0xffffd */
    {0x6731, 0x0000c737, "c.lui x14, 0xc"}, /* lui x14, 0xc */
    {0x6b4d, 0x00013b37, "c.lui x22, 0x13"}, /* lui x22, 0x13 */
    {0x70b9, 0xfffee0b7, "c.lui x1, 0xfffee"}, /* lui x1, 0xfffee */
    {0x8185, 0x0015d593, "c.srli x11, 1"}, /* srli x11, x11, 1 */
    {0x9275, 0x03d65613, "c.srli x12, 61"}, /* srli x12, x12, 61 */
    {0x9105, 0x02155513, "c.srli x10, 33"}, /* srli x10, x10, 33 */
    {0x93f1, 0x03c7d793, "c.srli x15, 60"}, /* srli x15, x15, 60 */
    {0x81c5, 0x0115d593, "c.srli x11, 17"}, /* srli x11, x11, 17 */
    {0x8379, 0x01e75713, "c.srli x14, 30"}, /* srli x14, x14, 30 */
    {0x8635, 0x40d65613, "c.srai x12, 13"}, /* srai x12, x12, 13 */
    {0x841d, 0x40745413, "c.srai x8, 7"}, /* srai x8, x8, 7 */
    {0x8615, 0x40565613, "c.srai x12, 5"}, /* srai x12, x12, 5 */
    {0x9479, 0x43e45413, "c.srai x8, 62"}, /* srai x8, x8, 62 */
    {0x846d, 0x41b45413, "c.srai x8, 27"}, /* srai x8, x8, 27 */
    {0x8661, 0x41865613, "c.srai x12, 24"}, /* srai x12, x12, 24 */
    {0x9a61, 0xff867613, "c.andi x12, -8"}, /* andi x12, x12, -8 */
    {0x88c9, 0x0124f493, "c.andi x9, 18"}, /* andi x9, x9, 18 */
    {0x9b59, 0xff677713, "c.andi x14, -10"}, /* andi x14, x14, -10 */
    {0x8a69, 0x01a67613, "c.andi x12, 26"}, /* andi x12, x12, 26 */
    {0x9ac1, 0xff06f693, "c.andi x13, -16"}, /* andi x13, x13, -16 */
    {0x8965, 0x01957513, "c.andi x10, 25"}, /* andi x10, x10, 25 */
    {0x8f19, 0x40e70733, "c.sub x14, x14"}, /* sub x14, x14, x14 */
    {0x8d15, 0x40d50533, "c.sub x10, x13"}, /* sub x10, x10, x13 */
    {0x8e0d, 0x40b60633, "c.sub x12, x11"}, /* sub x12, x12, x11 */
    {0x8e1d, 0x40f60633, "c.sub x12, x15"}, /* sub x12, x12, x15 */
    {0x8f09, 0x40a70733, "c.sub x14, x10"}, /* sub x14, x14, x10 */
    {0x8f9d, 0x40f787b3, "c.sub x15, x15"}, /* sub x15, x15, x15 */
    {0x8d25, 0x00954533, "c.xor x10, x9"}, /* xor x10, x10, x9 */
    {0x8dbd, 0x00f5c5b3, "c.xor x11, x15"}, /* xor x11, x11, x15 */
    {0x8c25, 0x00944433, "c.xor x8, x9"}, /* xor x8, x8, x9 */
    {0x8ebd, 0x00f6c6b3, "c.xor x13, x15"}, /* xor x13, x13, x15 */
    {0x8cb5, 0x00d4c4b3, "c.xor x9, x13"}, /* xor x9, x9, x13 */
    {0x8c31, 0x00c44433, "c.xor x8, x12"}, /* xor x8, x8, x12 */
    {0x8c55, 0x00d46433, "c.or x8, x13"}, /* or x8, x8, x13 */
    {0x8f51, 0x00c76733, "c.or x14, x12"}, /* or x14, x14, x12 */
    {0x8d49, 0x00a56533, "c.or x10, x10"}, /* or x10, x10, x10 */
    {0x8c59, 0x00e46433, "c.or x8, x14"}, /* or x8, x8, x14 */
    {0x8c41, 0x00846433, "c.or x8, x8"}, /* or x8, x8, x8 */
    {0x8ecd, 0x00b6e6b3, "c.or x13, x11"}, /* or x13, x13, x11 */
    {0x8e69, 0x00a67633, "c.and x12, x10"}, /* and x12, x12, x10 */
    {0x8fe1, 0x0087f7b3, "c.and x15, x8"}, /* and x15, x15, x8 */
    {0x8f6d, 0x00b77733, "c.and x14, x11"}, /* and x14, x14, x11 */
    {0x8de5, 0x0095f5b3, "c.and x11, x9"}, /* and x11, x11, x9 */
    {0x8fe9, 0x00a7f7b3, "c.and x15, x10"}, /* and x15, x15, x10 */
    {0x8e71, 0x00c67633, "c.and x12, x12"}, /* and x12, x12, x12 */
    {0x9e85, 0x409686bb, "c.subw x13, x9"}, /* subw x13, x13, x9 */
    {0x9d89, 0x40a585bb, "c.subw x11, x10"}, /* subw x11, x11, x10 */
    {0x9e85, 0x409686bb, "c.subw x13, x9"}, /* subw x13, x13, x9 */
    {0x9c89, 0x40a484bb, "c.subw x9, x10"}, /* subw x9, x9, x10 */
    {0x9d09, 0x40a5053b, "c.subw x10, x10"}, /* subw x10, x10, x10 */
    {0x9c81, 0x408484bb, "c.subw x9, x8"}, /* subw x9, x9, x8 */
    {0x9f29, 0x00a7073b, "c.addw x14, x10"}, /* addw x14, x14, x10 */
    {0x9ead, 0x00b686bb, "c.addw x13, x11"}, /* addw x13, x13, x11 */
    {0x9d35, 0x00d5053b, "c.addw x10, x13"}, /* addw x10, x10, x13 */
    {0x9c35, 0x00d4043b, "c.addw x8, x13"}, /* addw x8, x8, x13 */
    {0x9f2d, 0x00b7073b, "c.addw x14, x11"}, /* addw x14, x14, x11 */
    {0x9e29, 0x00a6063b, "c.addw x12, x10"}, /* addw x12, x12, x10 */
    {0xb679, 0xb8fff06f, "c.j .-1138"}, /* jal x0, .-1138 */
    {0xb945, 0xcb1ff06f, "c.j .-848"}, /* jal x0, .-848 */
    {0xa7cd, 0x7e20006f, "c.j .+2018"}, /* jal x0, .+2018 */
    {0xb09d, 0x867ff06f, "c.j .-1946"}, /* jal x0, .-1946 */
    {0xb795, 0xf65ff06f, "c.j .-156"}, /* jal x0, .-156 */
    {0xa139, 0x40e0006f, "c.j .+1038"}, /* jal x0, .+1038 */
    {0xd8e5, 0xfe0488e3, "c.beqz x9, .-16"}, /* beq x9, x0, .-16 */
    {0xdba9, 0xf40789e3, "c.beqz x15, .-174"}, /* beq x15, x0, .-174 */
    {0xd54d, 0xfa0505e3, "c.beqz x10, .-86"}, /* beq x10, x0, .-86 */
    {0xcfbd, 0x06078f63, "c.beqz x15, .+126"}, /* beq x15, x0, .+126 */
    {0xc221, 0x04060063, "c.beqz x12, .+64"}, /* beq x12, x0, .+64 */
    {0xc859, 0x08040b63, "c.beqz x8, .+150"}, /* beq x8, x0, .+150 */
    {0xe80d, 0x02041963, "c.bnez x8, .+50"}, /* bne x8, x0, .+50 */
    {0xf159, 0xf80513e3, "c.bnez x10, .-122"}, /* bne x10, x0, .-122 */
    {0xe015, 0x02041263, "c.bnez x8, .+36"}, /* bne x8, x0, .+36 */
    {0xe605, 0x02061463, "c.bnez x12, .+40"}, /* bne x12, x0, .+40 */
    {0xece5, 0x0e049c63, "c.bnez x9, .+248"}, /* bne x9, x0, .+248 */
    {0xf729, 0xf40715e3, "c.bnez x14, .-182"}, /* bne x14, x0, .-182 */
    {0x015e, 0x01711113, "c.slli x2, 23"}, /* slli x2, x2, 23 */
    {0x131e, 0x02731313, "c.slli x6, 39"}, /* slli x6, x6, 39 */
    {0x0b56, 0x015b1b13, "c.slli x22, 21"}, /* slli x22, x22, 21 */
    {0x0e5a, 0x016e1e13, "c.slli x28, 22"}, /* slli x28, x28, 22 */
    {0x0b56, 0x015b1b13, "c.slli x22, 21"}, /* slli x22, x22, 21 */
    {0x1d5a, 0x036d1d13, "c.slli x26, 54"}, /* slli x26, x26, 54 */
    {0x211a, 0x18013107, "c.fldsp f2, 384(sp)"}, /* fld f2, 384(sp) */
    {0x38ae, 0x0e813887, "c.fldsp f17, 232(sp)"}, /* fld f17, 232(sp) */
    {0x24c2, 0x01013487, "c.fldsp f9, 16(sp)"}, /* fld f9, 16(sp) */
    {0x297a, 0x19813907, "c.fldsp f18, 408(sp)"}, /* fld f18, 408(sp) */
    {0x3d2e, 0x0e813d07, "c.fldsp f26, 232(sp)"}, /* fld f26, 232(sp) */
    {0x359a, 0x1a013587, "c.fldsp f11, 416(sp)"}, /* fld f11, 416(sp) */
    {0x5136, 0x06c12103, "c.lwsp x2, 108(sp)"}, /* lw x2, 108(sp) */
    {0x441a, 0x08412403, "c.lwsp x8, 132(sp)"}, /* lw x8, 132(sp) */
    {0x5342, 0x03012303, "c.lwsp x6, 48(sp)"}, /* lw x6, 48(sp) */
    {0x4702, 0x00012703, "c.lwsp x14, 0(sp)"}, /* lw x14, 0(sp) */
    {0x49b2, 0x00c12983, "c.lwsp x19, 12(sp)"}, /* lw x19, 12(sp) */
    {0x5d96, 0x06412d83, "c.lwsp x27, 100(sp)"}, /* lw x27, 100(sp) */
    {0x72ea, 0x0b813283, "c.ldsp x5, 184(sp)"}, /* ld x5, 184(sp) */
    {0x7ad2, 0x13013a83, "c.ldsp x21, 304(sp)"}, /* ld x21, 304(sp) */
    {0x6112, 0x10013103, "c.ldsp x2, 256(sp)"}, /* ld x2, 256(sp) */
    {0x737a, 0x1b813303, "c.ldsp x6, 440(sp)"}, /* ld x6, 440(sp) */
    {0x6282, 0x00013283, "c.ldsp x5, 0(sp)"}, /* ld x5, 0(sp) */
    {0x7f02, 0x02013f03, "c.ldsp x30, 32(sp)"}, /* ld x30, 32(sp) */
    {0x8882, 0x00088067, "c.jr x17"}, /* jalr x0, 0(x17) */
    {0x8682, 0x00068067, "c.jr x13"}, /* jalr x0, 0(x13) */
    {0x8f02, 0x000f0067, "c.jr x30"}, /* jalr x0, 0(x30) */
    {0x8782, 0x00078067, "c.jr x15"}, /* jalr x0, 0(x15) */
    {0x8182, 0x00018067, "c.jr x3"}, /* jalr x0, 0(x3) */
    {0x8302, 0x00030067, "c.jr x6"}, /* jalr x0, 0(x6) */
    {0x89a2, 0x008009b3, "c.mv x19, x8"}, /* add x19, x0, x8 */
    {0x85ba, 0x00e005b3, "c.mv x11, x14"}, /* add x11, x0, x14 */
    {0x82c2, 0x010002b3, "c.mv x5, x16"}, /* add x5, x0, x16 */
    {0x8f52, 0x01400f33, "c.mv x30, x20"}, /* add x30, x0, x20 */
    {0x81b2, 0x00c001b3, "c.mv x3, x12"}, /* add x3, x0, x12 */
    {0x889a, 0x006008b3, "c.mv x17, x6"}, /* add x17, x0, x6 */
    {0x9402, 0x000400e7, "c.jalr x8"}, /* jalr x1, 0(x8) */
    {0x9c02, 0x000c00e7, "c.jalr x24"}, /* jalr x1, 0(x24) */
    {0x9982, 0x000980e7, "c.jalr x19"}, /* jalr x1, 0(x19) */
    {0x9802, 0x000800e7, "c.jalr x16"}, /* jalr x1, 0(x16) */
    {0x9382, 0x000380e7, "c.jalr x7"}, /* jalr x1, 0(x7) */
    {0x9b82, 0x000b80e7, "c.jalr x23"}, /* jalr x1, 0(x23) */
    {0x9e12, 0x004e0e33, "c.add x28, x4"}, /* add x28, x28, x4 */
    {0x9752, 0x01470733, "c.add x14, x20"}, /* add x14, x14, x20 */
    {0x93f6, 0x01d383b3, "c.add x7, x29"}, /* add x7, x7, x29 */
    {0x9d1a, 0x006d0d33, "c.add x26, x6"}, /* add x26, x26, x6 */
    {0x92c2, 0x010282b3, "c.add x5, x16"}, /* add x5, x5, x16 */
    {0x9c76, 0x01dc0c33, "c.add x24, x29"}, /* add x24, x24, x29 */
    {0xb93e, 0x0af13827, "c.fsdsp f15, 176(sp)"}, /* fsd f15, 176(sp) */
    {0xb542, 0x0b013427, "c.fsdsp f16, 168(sp)"}, /* fsd f16, 168(sp) */
    {0xb992, 0x0e413827, "c.fsdsp f4, 240(sp)"}, /* fsd f4, 240(sp) */
    {0xb5be, 0x0ef13427, "c.fsdsp f15, 232(sp)"}, /* fsd f15, 232(sp) */
    {0xab6a, 0x19a13827, "c.fsdsp f26, 400(sp)"}, /* fsd f26, 400(sp) */
    {0xb992, 0x0e413827, "c.fsdsp f4, 240(sp)"}, /* fsd f4, 240(sp) */
    {0xd342, 0x0b012223, "c.swsp x16, 164(sp)"}, /* sw x16, 164(sp) */
    {0xdfd6, 0x0f512e23, "c.swsp x21, 252(sp)"}, /* sw x21, 252(sp) */
    {0xd832, 0x02c12823, "c.swsp x12, 48(sp)"}, /* sw x12, 48(sp) */
    {0xc806, 0x00112823, "c.swsp x1, 16(sp)"}, /* sw x1, 16(sp) */
    {0xce6e, 0x01b12e23, "c.swsp x27, 28(sp)"}, /* sw x27, 28(sp) */
    {0xd0d2, 0x07412023, "c.swsp x20, 96(sp)"}, /* sw x20, 96(sp) */
    {0xf60e, 0x12313423, "c.sdsp x3, 296(sp)"}, /* sd x3, 296(sp) */
    {0xea2e, 0x10b13823, "c.sdsp x11, 272(sp)"}, /* sd x11, 272(sp) */
    {0xe442, 0x01013423, "c.sdsp x16, 8(sp)"}, /* sd x16, 8(sp) */
    {0xe5ca, 0x0d213423, "c.sdsp x18, 200(sp)"}, /* sd x18, 200(sp) */
    {0xf8de, 0x07713823, "c.sdsp x23, 112(sp)"}, /* sd x23, 112(sp) */
    {0xf2aa, 0x16a13023, "c.sdsp x10, 352(sp)"}, /* sd x10, 352(sp) */
};
