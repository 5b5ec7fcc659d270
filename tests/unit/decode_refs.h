/* Reference encodings from riscv64-linux-gnu-as with their expected fields (included by test_decode.c). */
static const struct ref refs[] = {
    {"lui", 0xbb3b9a37, F_RD|F_IMM, 20, 0, 0, 0, 0, -1153724416}, /* lui x20, 0xbb3b9 */
    {"lui", 0x23c411b7, F_RD|F_IMM, 3, 0, 0, 0, 0, 600051712}, /* lui x3, 0x23c41 */
    {"lui", 0x724c67b7, F_RD|F_IMM, 15, 0, 0, 0, 0, 1917607936}, /* lui x15, 0x724c6 */
    {"auipc", 0x9447a197, F_RD|F_IMM, 3, 0, 0, 0, 0, -1807245312}, /* auipc x3, 0x9447a */
    {"auipc", 0x34c3bd17, F_RD|F_IMM, 26, 0, 0, 0, 0, 885239808}, /* auipc x26, 0x34c3b */
    {"auipc", 0x69736617, F_RD|F_IMM, 12, 0, 0, 0, 0, 1769168896}, /* auipc x12, 0x69736 */
    {"jal", 0x42a72fef, F_RD|F_IMM, 31, 0, 0, 0, 0, 468010}, /* jal x31, .+468010 */
    {"jal", 0x7fdfa9ef, F_RD|F_IMM, 19, 0, 0, 0, 0, 1028092}, /* jal x19, .+1028092 */
    {"jal", 0xebda8aef, F_RD|F_IMM, 21, 0, 0, 0, 0, -356676}, /* jal x21, .-356676 */
    {"jalr", 0xa7b48ae7, F_RD|F_RS1|F_IMM, 21, 9, 0, 0, 0, -1413}, /* jalr x21, -1413(x9) */
    {"jalr", 0x699a8a67, F_RD|F_RS1|F_IMM, 20, 21, 0, 0, 0, 1689}, /* jalr x20, 1689(x21) */
    {"jalr", 0xa1428267, F_RD|F_RS1|F_IMM, 4, 5, 0, 0, 0, -1516}, /* jalr x4, -1516(x5) */
    {"beq", 0x63c98a63, F_RS1|F_RS2|F_IMM, 0, 19, 28, 0, 0, 1588}, /* beq x19, x28, .+1588 */
    {"beq", 0x796e8ce3, F_RS1|F_RS2|F_IMM, 0, 29, 22, 0, 0, 3992}, /* beq x29, x22, .+3992 */
    {"beq", 0x17268be3, F_RS1|F_RS2|F_IMM, 0, 13, 18, 0, 0, 2422}, /* beq x13, x18, .+2422 */
    {"bne", 0x1c5f9463, F_RS1|F_RS2|F_IMM, 0, 31, 5, 0, 0, 456}, /* bne x31, x5, .+456 */
    {"bne", 0xed1d92e3, F_RS1|F_RS2|F_IMM, 0, 27, 17, 0, 0, -316}, /* bne x27, x17, .-316 */
    {"bne", 0x8cb29263, F_RS1|F_RS2|F_IMM, 0, 5, 11, 0, 0, -3900}, /* bne x5, x11, .-3900 */
    {"blt", 0x2d05c8e3, F_RS1|F_RS2|F_IMM, 0, 11, 16, 0, 0, 2768}, /* blt x11, x16, .+2768 */
    {"blt", 0x168a4ce3, F_RS1|F_RS2|F_IMM, 0, 20, 8, 0, 0, 2424}, /* blt x20, x8, .+2424 */
    {"blt", 0xbe6ccd63, F_RS1|F_RS2|F_IMM, 0, 25, 6, 0, 0, -3078}, /* blt x25, x6, .-3078 */
    {"bge", 0x5cd25163, F_RS1|F_RS2|F_IMM, 0, 4, 13, 0, 0, 1474}, /* bge x4, x13, .+1474 */
    {"bge", 0x74035263, F_RS1|F_RS2|F_IMM, 0, 6, 0, 0, 0, 1860}, /* bge x6, x0, .+1860 */
    {"bge", 0x62d25d63, F_RS1|F_RS2|F_IMM, 0, 4, 13, 0, 0, 1594}, /* bge x4, x13, .+1594 */
    {"bltu", 0x6a7f6fe3, F_RS1|F_RS2|F_IMM, 0, 30, 7, 0, 0, 3774}, /* bltu x30, x7, .+3774 */
    {"bltu", 0x0e59e863, F_RS1|F_RS2|F_IMM, 0, 19, 5, 0, 0, 240}, /* bltu x19, x5, .+240 */
    {"bltu", 0x961560e3, F_RS1|F_RS2|F_IMM, 0, 10, 1, 0, 0, -1696}, /* bltu x10, x1, .-1696 */
    {"bgeu", 0xaa59f8e3, F_RS1|F_RS2|F_IMM, 0, 19, 5, 0, 0, -1360}, /* bgeu x19, x5, .-1360 */
    {"bgeu", 0xf55779e3, F_RS1|F_RS2|F_IMM, 0, 14, 21, 0, 0, -174}, /* bgeu x14, x21, .-174 */
    {"bgeu", 0x9cc77463, F_RS1|F_RS2|F_IMM, 0, 14, 12, 0, 0, -3640}, /* bgeu x14, x12, .-3640 */
    {"lb", 0x304f0883, F_RD|F_RS1|F_IMM, 17, 30, 0, 0, 0, 772}, /* lb x17, 772(x30) */
    {"lb", 0xb44b0e03, F_RD|F_RS1|F_IMM, 28, 22, 0, 0, 0, -1212}, /* lb x28, -1212(x22) */
    {"lb", 0x771f0703, F_RD|F_RS1|F_IMM, 14, 30, 0, 0, 0, 1905}, /* lb x14, 1905(x30) */
    {"lh", 0xbd6f1003, F_RD|F_RS1|F_IMM, 0, 30, 0, 0, 0, -1066}, /* lh x0, -1066(x30) */
    {"lh", 0x2a361c03, F_RD|F_RS1|F_IMM, 24, 12, 0, 0, 0, 675}, /* lh x24, 675(x12) */
    {"lh", 0xab7c9283, F_RD|F_RS1|F_IMM, 5, 25, 0, 0, 0, -1353}, /* lh x5, -1353(x25) */
    {"lw", 0x6e452503, F_RD|F_RS1|F_IMM, 10, 10, 0, 0, 0, 1764}, /* lw x10, 1764(x10) */
    {"lw", 0xc31f2483, F_RD|F_RS1|F_IMM, 9, 30, 0, 0, 0, -975}, /* lw x9, -975(x30) */
    {"lw", 0xe3b02083, F_RD|F_RS1|F_IMM, 1, 0, 0, 0, 0, -453}, /* lw x1, -453(x0) */
    {"ld", 0xfb20b683, F_RD|F_RS1|F_IMM, 13, 1, 0, 0, 0, -78}, /* ld x13, -78(x1) */
    {"ld", 0x35283a03, F_RD|F_RS1|F_IMM, 20, 16, 0, 0, 0, 850}, /* ld x20, 850(x16) */
    {"ld", 0x899d3e83, F_RD|F_RS1|F_IMM, 29, 26, 0, 0, 0, -1895}, /* ld x29, -1895(x26) */
    {"lbu", 0xc875ce03, F_RD|F_RS1|F_IMM, 28, 11, 0, 0, 0, -889}, /* lbu x28, -889(x11) */
    {"lbu", 0x7703cf03, F_RD|F_RS1|F_IMM, 30, 7, 0, 0, 0, 1904}, /* lbu x30, 1904(x7) */
    {"lbu", 0x9591c303, F_RD|F_RS1|F_IMM, 6, 3, 0, 0, 0, -1703}, /* lbu x6, -1703(x3) */
    {"lhu", 0x26be5303, F_RD|F_RS1|F_IMM, 6, 28, 0, 0, 0, 619}, /* lhu x6, 619(x28) */
    {"lhu", 0xfec8d603, F_RD|F_RS1|F_IMM, 12, 17, 0, 0, 0, -20}, /* lhu x12, -20(x17) */
    {"lhu", 0xbe465803, F_RD|F_RS1|F_IMM, 16, 12, 0, 0, 0, -1052}, /* lhu x16, -1052(x12) */
    {"lwu", 0xfb3e6c83, F_RD|F_RS1|F_IMM, 25, 28, 0, 0, 0, -77}, /* lwu x25, -77(x28) */
    {"lwu", 0xcf126d83, F_RD|F_RS1|F_IMM, 27, 4, 0, 0, 0, -783}, /* lwu x27, -783(x4) */
    {"lwu", 0xf064eb83, F_RD|F_RS1|F_IMM, 23, 9, 0, 0, 0, -250}, /* lwu x23, -250(x9) */
    {"sb", 0xf3fc8423, F_RS1|F_RS2|F_IMM, 0, 25, 31, 0, 0, -216}, /* sb x31, -216(x25) */
    {"sb", 0xe59d81a3, F_RS1|F_RS2|F_IMM, 0, 27, 25, 0, 0, -445}, /* sb x25, -445(x27) */
    {"sb", 0x2c5a0823, F_RS1|F_RS2|F_IMM, 0, 20, 5, 0, 0, 720}, /* sb x5, 720(x20) */
    {"sh", 0x161e1a23, F_RS1|F_RS2|F_IMM, 0, 28, 1, 0, 0, 372}, /* sh x1, 372(x28) */
    {"sh", 0x06e39fa3, F_RS1|F_RS2|F_IMM, 0, 7, 14, 0, 0, 127}, /* sh x14, 127(x7) */
    {"sh", 0x58b111a3, F_RS1|F_RS2|F_IMM, 0, 2, 11, 0, 0, 1411}, /* sh x11, 1411(x2) */
    {"sw", 0x269caba3, F_RS1|F_RS2|F_IMM, 0, 25, 9, 0, 0, 631}, /* sw x9, 631(x25) */
    {"sw", 0xa438a8a3, F_RS1|F_RS2|F_IMM, 0, 17, 3, 0, 0, -1455}, /* sw x3, -1455(x17) */
    {"sw", 0xf050aea3, F_RS1|F_RS2|F_IMM, 0, 1, 5, 0, 0, -227}, /* sw x5, -227(x1) */
    {"sd", 0x2c783d23, F_RS1|F_RS2|F_IMM, 0, 16, 7, 0, 0, 730}, /* sd x7, 730(x16) */
    {"sd", 0xfa88b0a3, F_RS1|F_RS2|F_IMM, 0, 17, 8, 0, 0, -95}, /* sd x8, -95(x17) */
    {"sd", 0xe7053a23, F_RS1|F_RS2|F_IMM, 0, 10, 16, 0, 0, -396}, /* sd x16, -396(x10) */
    {"addi", 0xdb198993, F_RD|F_RS1|F_IMM, 19, 19, 0, 0, 0, -591}, /* addi x19, x19, -591 */
    {"addi", 0x87db0893, F_RD|F_RS1|F_IMM, 17, 22, 0, 0, 0, -1923}, /* addi x17, x22, -1923 */
    {"addi", 0xb6660093, F_RD|F_RS1|F_IMM, 1, 12, 0, 0, 0, -1178}, /* addi x1, x12, -1178 */
    {"slti", 0xee2fad93, F_RD|F_RS1|F_IMM, 27, 31, 0, 0, 0, -286}, /* slti x27, x31, -286 */
    {"slti", 0x31faa713, F_RD|F_RS1|F_IMM, 14, 21, 0, 0, 0, 799}, /* slti x14, x21, 799 */
    {"slti", 0x02d42193, F_RD|F_RS1|F_IMM, 3, 8, 0, 0, 0, 45}, /* slti x3, x8, 45 */
    {"sltiu", 0x43053d93, F_RD|F_RS1|F_IMM, 27, 10, 0, 0, 0, 1072}, /* sltiu x27, x10, 1072 */
    {"sltiu", 0xdee7b913, F_RD|F_RS1|F_IMM, 18, 15, 0, 0, 0, -530}, /* sltiu x18, x15, -530 */
    {"sltiu", 0x3a78b513, F_RD|F_RS1|F_IMM, 10, 17, 0, 0, 0, 935}, /* sltiu x10, x17, 935 */
    {"xori", 0xef8a4a93, F_RD|F_RS1|F_IMM, 21, 20, 0, 0, 0, -264}, /* xori x21, x20, -264 */
    {"xori", 0xaaf5cb13, F_RD|F_RS1|F_IMM, 22, 11, 0, 0, 0, -1361}, /* xori x22, x11, -1361 */
    {"xori", 0x8288cf13, F_RD|F_RS1|F_IMM, 30, 17, 0, 0, 0, -2008}, /* xori x30, x17, -2008 */
    {"ori", 0x95586293, F_RD|F_RS1|F_IMM, 5, 16, 0, 0, 0, -1707}, /* ori x5, x16, -1707 */
    {"ori", 0xf730ec93, F_RD|F_RS1|F_IMM, 25, 1, 0, 0, 0, -141}, /* ori x25, x1, -141 */
    {"ori", 0x7d04e293, F_RD|F_RS1|F_IMM, 5, 9, 0, 0, 0, 2000}, /* ori x5, x9, 2000 */
    {"andi", 0x5bc97493, F_RD|F_RS1|F_IMM, 9, 18, 0, 0, 0, 1468}, /* andi x9, x18, 1468 */
    {"andi", 0x9560f413, F_RD|F_RS1|F_IMM, 8, 1, 0, 0, 0, -1706}, /* andi x8, x1, -1706 */
    {"andi", 0x99fbf413, F_RD|F_RS1|F_IMM, 8, 23, 0, 0, 0, -1633}, /* andi x8, x23, -1633 */
    {"slli", 0x00879093, F_RD|F_RS1|F_IMM, 1, 15, 0, 0, 0, 8}, /* slli x1, x15, 8 */
    {"slli", 0x01e21293, F_RD|F_RS1|F_IMM, 5, 4, 0, 0, 0, 30}, /* slli x5, x4, 30 */
    {"slli", 0x03d71693, F_RD|F_RS1|F_IMM, 13, 14, 0, 0, 0, 61}, /* slli x13, x14, 61 */
    {"srli", 0x02a15913, F_RD|F_RS1|F_IMM, 18, 2, 0, 0, 0, 42}, /* srli x18, x2, 42 */
    {"srli", 0x03e9d813, F_RD|F_RS1|F_IMM, 16, 19, 0, 0, 0, 62}, /* srli x16, x19, 62 */
    {"srli", 0x03b35893, F_RD|F_RS1|F_IMM, 17, 6, 0, 0, 0, 59}, /* srli x17, x6, 59 */
    {"srai", 0x43cede93, F_RD|F_RS1|F_IMM, 29, 29, 0, 0, 0, 60}, /* srai x29, x29, 60 */
    {"srai", 0x42295093, F_RD|F_RS1|F_IMM, 1, 18, 0, 0, 0, 34}, /* srai x1, x18, 34 */
    {"srai", 0x4126dc13, F_RD|F_RS1|F_IMM, 24, 13, 0, 0, 0, 18}, /* srai x24, x13, 18 */
    {"add", 0x008b8833, F_RD|F_RS1|F_RS2, 16, 23, 8, 0, 0, 0}, /* add x16, x23, x8 */
    {"add", 0x01ff8733, F_RD|F_RS1|F_RS2, 14, 31, 31, 0, 0, 0}, /* add x14, x31, x31 */
    {"add", 0x01cf8033, F_RD|F_RS1|F_RS2, 0, 31, 28, 0, 0, 0}, /* add x0, x31, x28 */
    {"sub", 0x418b0d33, F_RD|F_RS1|F_RS2, 26, 22, 24, 0, 0, 0}, /* sub x26, x22, x24 */
    {"sub", 0x415a0033, F_RD|F_RS1|F_RS2, 0, 20, 21, 0, 0, 0}, /* sub x0, x20, x21 */
    {"sub", 0x41090033, F_RD|F_RS1|F_RS2, 0, 18, 16, 0, 0, 0}, /* sub x0, x18, x16 */
    {"sll", 0x01721c33, F_RD|F_RS1|F_RS2, 24, 4, 23, 0, 0, 0}, /* sll x24, x4, x23 */
    {"sll", 0x003318b3, F_RD|F_RS1|F_RS2, 17, 6, 3, 0, 0, 0}, /* sll x17, x6, x3 */
    {"sll", 0x01b897b3, F_RD|F_RS1|F_RS2, 15, 17, 27, 0, 0, 0}, /* sll x15, x17, x27 */
    {"slt", 0x0190adb3, F_RD|F_RS1|F_RS2, 27, 1, 25, 0, 0, 0}, /* slt x27, x1, x25 */
    {"slt", 0x01cd21b3, F_RD|F_RS1|F_RS2, 3, 26, 28, 0, 0, 0}, /* slt x3, x26, x28 */
    {"slt", 0x0081afb3, F_RD|F_RS1|F_RS2, 31, 3, 8, 0, 0, 0}, /* slt x31, x3, x8 */
    {"sltu", 0x01393ab3, F_RD|F_RS1|F_RS2, 21, 18, 19, 0, 0, 0}, /* sltu x21, x18, x19 */
    {"sltu", 0x0137bcb3, F_RD|F_RS1|F_RS2, 25, 15, 19, 0, 0, 0}, /* sltu x25, x15, x19 */
    {"sltu", 0x00a533b3, F_RD|F_RS1|F_RS2, 7, 10, 10, 0, 0, 0}, /* sltu x7, x10, x10 */
    {"xor", 0x015e4733, F_RD|F_RS1|F_RS2, 14, 28, 21, 0, 0, 0}, /* xor x14, x28, x21 */
    {"xor", 0x0057c633, F_RD|F_RS1|F_RS2, 12, 15, 5, 0, 0, 0}, /* xor x12, x15, x5 */
    {"xor", 0x0177ca33, F_RD|F_RS1|F_RS2, 20, 15, 23, 0, 0, 0}, /* xor x20, x15, x23 */
    {"srl", 0x018d50b3, F_RD|F_RS1|F_RS2, 1, 26, 24, 0, 0, 0}, /* srl x1, x26, x24 */
    {"srl", 0x0158dc33, F_RD|F_RS1|F_RS2, 24, 17, 21, 0, 0, 0}, /* srl x24, x17, x21 */
    {"srl", 0x00d45bb3, F_RD|F_RS1|F_RS2, 23, 8, 13, 0, 0, 0}, /* srl x23, x8, x13 */
    {"sra", 0x41ccdc33, F_RD|F_RS1|F_RS2, 24, 25, 28, 0, 0, 0}, /* sra x24, x25, x28 */
    {"sra", 0x41b15433, F_RD|F_RS1|F_RS2, 8, 2, 27, 0, 0, 0}, /* sra x8, x2, x27 */
    {"sra", 0x41925033, F_RD|F_RS1|F_RS2, 0, 4, 25, 0, 0, 0}, /* sra x0, x4, x25 */
    {"or", 0x00976333, F_RD|F_RS1|F_RS2, 6, 14, 9, 0, 0, 0}, /* or x6, x14, x9 */
    {"or", 0x0022eeb3, F_RD|F_RS1|F_RS2, 29, 5, 2, 0, 0, 0}, /* or x29, x5, x2 */
    {"or", 0x0089e133, F_RD|F_RS1|F_RS2, 2, 19, 8, 0, 0, 0}, /* or x2, x19, x8 */
    {"and", 0x004373b3, F_RD|F_RS1|F_RS2, 7, 6, 4, 0, 0, 0}, /* and x7, x6, x4 */
    {"and", 0x00e87c33, F_RD|F_RS1|F_RS2, 24, 16, 14, 0, 0, 0}, /* and x24, x16, x14 */
    {"and", 0x0148feb3, F_RD|F_RS1|F_RS2, 29, 17, 20, 0, 0, 0}, /* and x29, x17, x20 */
    {"addiw", 0x8b20879b, F_RD|F_RS1|F_IMM, 15, 1, 0, 0, 0, -1870}, /* addiw x15, x1, -1870 */
    {"addiw", 0xf4af861b, F_RD|F_RS1|F_IMM, 12, 31, 0, 0, 0, -182}, /* addiw x12, x31, -182 */
    {"addiw", 0x2d1b8d9b, F_RD|F_RS1|F_IMM, 27, 23, 0, 0, 0, 721}, /* addiw x27, x23, 721 */
    {"slliw", 0x004b9d1b, F_RD|F_RS1|F_IMM, 26, 23, 0, 0, 0, 4}, /* slliw x26, x23, 4 */
    {"slliw", 0x01df969b, F_RD|F_RS1|F_IMM, 13, 31, 0, 0, 0, 29}, /* slliw x13, x31, 29 */
    {"slliw", 0x00b8171b, F_RD|F_RS1|F_IMM, 14, 16, 0, 0, 0, 11}, /* slliw x14, x16, 11 */
    {"srliw", 0x019fd71b, F_RD|F_RS1|F_IMM, 14, 31, 0, 0, 0, 25}, /* srliw x14, x31, 25 */
    {"srliw", 0x0036d19b, F_RD|F_RS1|F_IMM, 3, 13, 0, 0, 0, 3}, /* srliw x3, x13, 3 */
    {"srliw", 0x005cd59b, F_RD|F_RS1|F_IMM, 11, 25, 0, 0, 0, 5}, /* srliw x11, x25, 5 */
    {"sraiw", 0x402ad51b, F_RD|F_RS1|F_IMM, 10, 21, 0, 0, 0, 2}, /* sraiw x10, x21, 2 */
    {"sraiw", 0x406c599b, F_RD|F_RS1|F_IMM, 19, 24, 0, 0, 0, 6}, /* sraiw x19, x24, 6 */
    {"sraiw", 0x4072d01b, F_RD|F_RS1|F_IMM, 0, 5, 0, 0, 0, 7}, /* sraiw x0, x5, 7 */
    {"addw", 0x016c06bb, F_RD|F_RS1|F_RS2, 13, 24, 22, 0, 0, 0}, /* addw x13, x24, x22 */
    {"addw", 0x00cf01bb, F_RD|F_RS1|F_RS2, 3, 30, 12, 0, 0, 0}, /* addw x3, x30, x12 */
    {"addw", 0x017a063b, F_RD|F_RS1|F_RS2, 12, 20, 23, 0, 0, 0}, /* addw x12, x20, x23 */
    {"subw", 0x402c87bb, F_RD|F_RS1|F_RS2, 15, 25, 2, 0, 0, 0}, /* subw x15, x25, x2 */
    {"subw", 0x4101823b, F_RD|F_RS1|F_RS2, 4, 3, 16, 0, 0, 0}, /* subw x4, x3, x16 */
    {"subw", 0x411b8abb, F_RD|F_RS1|F_RS2, 21, 23, 17, 0, 0, 0}, /* subw x21, x23, x17 */
    {"sllw", 0x011a183b, F_RD|F_RS1|F_RS2, 16, 20, 17, 0, 0, 0}, /* sllw x16, x20, x17 */
    {"sllw", 0x006710bb, F_RD|F_RS1|F_RS2, 1, 14, 6, 0, 0, 0}, /* sllw x1, x14, x6 */
    {"sllw", 0x01b81c3b, F_RD|F_RS1|F_RS2, 24, 16, 27, 0, 0, 0}, /* sllw x24, x16, x27 */
    {"srlw", 0x013055bb, F_RD|F_RS1|F_RS2, 11, 0, 19, 0, 0, 0}, /* srlw x11, x0, x19 */
    {"srlw", 0x01da5a3b, F_RD|F_RS1|F_RS2, 20, 20, 29, 0, 0, 0}, /* srlw x20, x20, x29 */
    {"srlw", 0x00acd63b, F_RD|F_RS1|F_RS2, 12, 25, 10, 0, 0, 0}, /* srlw x12, x25, x10 */
    {"sraw", 0x414f513b, F_RD|F_RS1|F_RS2, 2, 30, 20, 0, 0, 0}, /* sraw x2, x30, x20 */
    {"sraw", 0x4058523b, F_RD|F_RS1|F_RS2, 4, 16, 5, 0, 0, 0}, /* sraw x4, x16, x5 */
    {"sraw", 0x40be5fbb, F_RD|F_RS1|F_RS2, 31, 28, 11, 0, 0, 0}, /* sraw x31, x28, x11 */
    {"fence", 0x0310000f, 0, 0, 0, 0, 0, 0, 0}, /* fence rw, w */
    {"fence", 0x0310000f, 0, 0, 0, 0, 0, 0, 0}, /* fence rw, w */
    {"fence", 0x0310000f, 0, 0, 0, 0, 0, 0, 0}, /* fence rw, w */
    {"ecall", 0x00000073, 0, 0, 0, 0, 0, 0, 0}, /* ecall */
    {"ecall", 0x00000073, 0, 0, 0, 0, 0, 0, 0}, /* ecall */
    {"ecall", 0x00000073, 0, 0, 0, 0, 0, 0, 0}, /* ecall */
    {"ebreak", 0x00100073, 0, 0, 0, 0, 0, 0, 0}, /* ebreak */
    {"ebreak", 0x00100073, 0, 0, 0, 0, 0, 0, 0}, /* ebreak */
    {"ebreak", 0x00100073, 0, 0, 0, 0, 0, 0, 0}, /* ebreak */
    {"fence.i", 0x0000100f, 0, 0, 0, 0, 0, 0, 0}, /* fence.i */
    {"fence.i", 0x0000100f, 0, 0, 0, 0, 0, 0, 0}, /* fence.i */
    {"fence.i", 0x0000100f, 0, 0, 0, 0, 0, 0, 0}, /* fence.i */
    {"sret", 0x10200073, 0, 0, 0, 0, 0, 0, 0}, /* sret */
    {"sret", 0x10200073, 0, 0, 0, 0, 0, 0, 0}, /* sret */
    {"sret", 0x10200073, 0, 0, 0, 0, 0, 0, 0}, /* sret */
    {"mret", 0x30200073, 0, 0, 0, 0, 0, 0, 0}, /* mret */
    {"mret", 0x30200073, 0, 0, 0, 0, 0, 0, 0}, /* mret */
    {"mret", 0x30200073, 0, 0, 0, 0, 0, 0, 0}, /* mret */
    {"wfi", 0x10500073, 0, 0, 0, 0, 0, 0, 0}, /* wfi */
    {"wfi", 0x10500073, 0, 0, 0, 0, 0, 0, 0}, /* wfi */
    {"wfi", 0x10500073, 0, 0, 0, 0, 0, 0, 0}, /* wfi */
    {"sfence.vma", 0x13360073, F_RS1|F_RS2, 0, 12, 19, 0, 0, 0}, /* sfence.vma x12, x19 */
    {"sfence.vma", 0x13818073, F_RS1|F_RS2, 0, 3, 24, 0, 0, 0}, /* sfence.vma x3, x24 */
    {"sfence.vma", 0x12cc8073, F_RS1|F_RS2, 0, 25, 12, 0, 0, 0}, /* sfence.vma x25, x12 */
    {"csrrw", 0x4c8c9173, F_RD|F_RS1|F_IMM, 2, 25, 0, 0, 0, 1224}, /* csrrw x2, 0x4c8, x25 */
    {"csrrw", 0x3c4617f3, F_RD|F_RS1|F_IMM, 15, 12, 0, 0, 0, 964}, /* csrrw x15, 0x3c4, x12 */
    {"csrrw", 0xd9fe9c73, F_RD|F_RS1|F_IMM, 24, 29, 0, 0, 0, 3487}, /* csrrw x24, 0xd9f, x29 */
    {"csrrs", 0x01cbac73, F_RD|F_RS1|F_IMM, 24, 23, 0, 0, 0, 28}, /* csrrs x24, 0x1c, x23 */
    {"csrrs", 0x5bfeaff3, F_RD|F_RS1|F_IMM, 31, 29, 0, 0, 0, 1471}, /* csrrs x31, 0x5bf, x29 */
    {"csrrs", 0xdc7caf73, F_RD|F_RS1|F_IMM, 30, 25, 0, 0, 0, 3527}, /* csrrs x30, 0xdc7, x25 */
    {"csrrc", 0x2a12bbf3, F_RD|F_RS1|F_IMM, 23, 5, 0, 0, 0, 673}, /* csrrc x23, 0x2a1, x5 */
    {"csrrc", 0x0d32ba73, F_RD|F_RS1|F_IMM, 20, 5, 0, 0, 0, 211}, /* csrrc x20, 0xd3, x5 */
    {"csrrc", 0x5483b273, F_RD|F_RS1|F_IMM, 4, 7, 0, 0, 0, 1352}, /* csrrc x4, 0x548, x7 */
    {"csrrwi", 0x8cc25773, F_RD|F_RS1|F_IMM, 14, 4, 0, 0, 0, 2252}, /* csrrwi x14, 0x8cc, 4 */
    {"csrrwi", 0x7984def3, F_RD|F_RS1|F_IMM, 29, 9, 0, 0, 0, 1944}, /* csrrwi x29, 0x798, 9 */
    {"csrrwi", 0x528bda73, F_RD|F_RS1|F_IMM, 20, 23, 0, 0, 0, 1320}, /* csrrwi x20, 0x528, 23 */
    {"csrrsi", 0x18da68f3, F_RD|F_RS1|F_IMM, 17, 20, 0, 0, 0, 397}, /* csrrsi x17, 0x18d, 20 */
    {"csrrsi", 0xbe3e6bf3, F_RD|F_RS1|F_IMM, 23, 28, 0, 0, 0, 3043}, /* csrrsi x23, 0xbe3, 28 */
    {"csrrsi", 0x29ac6873, F_RD|F_RS1|F_IMM, 16, 24, 0, 0, 0, 666}, /* csrrsi x16, 0x29a, 24 */
    {"csrrci", 0x9ec77e73, F_RD|F_RS1|F_IMM, 28, 14, 0, 0, 0, 2540}, /* csrrci x28, 0x9ec, 14 */
    {"csrrci", 0xdd407a73, F_RD|F_RS1|F_IMM, 20, 0, 0, 0, 0, 3540}, /* csrrci x20, 0xdd4, 0 */
    {"csrrci", 0x175bfd73, F_RD|F_RS1|F_IMM, 26, 23, 0, 0, 0, 373}, /* csrrci x26, 0x175, 23 */
    {"mul", 0x020180b3, F_RD|F_RS1|F_RS2, 1, 3, 0, 0, 0, 0}, /* mul x1, x3, x0 */
    {"mul", 0x03a70b33, F_RD|F_RS1|F_RS2, 22, 14, 26, 0, 0, 0}, /* mul x22, x14, x26 */
    {"mul", 0x03eb86b3, F_RD|F_RS1|F_RS2, 13, 23, 30, 0, 0, 0}, /* mul x13, x23, x30 */
    {"mulh", 0x03c497b3, F_RD|F_RS1|F_RS2, 15, 9, 28, 0, 0, 0}, /* mulh x15, x9, x28 */
    {"mulh", 0x030c98b3, F_RD|F_RS1|F_RS2, 17, 25, 16, 0, 0, 0}, /* mulh x17, x25, x16 */
    {"mulh", 0x02ff9e33, F_RD|F_RS1|F_RS2, 28, 31, 15, 0, 0, 0}, /* mulh x28, x31, x15 */
    {"mulhsu", 0x0390a1b3, F_RD|F_RS1|F_RS2, 3, 1, 25, 0, 0, 0}, /* mulhsu x3, x1, x25 */
    {"mulhsu", 0x020321b3, F_RD|F_RS1|F_RS2, 3, 6, 0, 0, 0, 0}, /* mulhsu x3, x6, x0 */
    {"mulhsu", 0x02bd2633, F_RD|F_RS1|F_RS2, 12, 26, 11, 0, 0, 0}, /* mulhsu x12, x26, x11 */
    {"mulhu", 0x020f31b3, F_RD|F_RS1|F_RS2, 3, 30, 0, 0, 0, 0}, /* mulhu x3, x30, x0 */
    {"mulhu", 0x02be32b3, F_RD|F_RS1|F_RS2, 5, 28, 11, 0, 0, 0}, /* mulhu x5, x28, x11 */
    {"mulhu", 0x02713733, F_RD|F_RS1|F_RS2, 14, 2, 7, 0, 0, 0}, /* mulhu x14, x2, x7 */
    {"div", 0x03b8c1b3, F_RD|F_RS1|F_RS2, 3, 17, 27, 0, 0, 0}, /* div x3, x17, x27 */
    {"div", 0x02a042b3, F_RD|F_RS1|F_RS2, 5, 0, 10, 0, 0, 0}, /* div x5, x0, x10 */
    {"div", 0x02ca4533, F_RD|F_RS1|F_RS2, 10, 20, 12, 0, 0, 0}, /* div x10, x20, x12 */
    {"divu", 0x03ef5c33, F_RD|F_RS1|F_RS2, 24, 30, 30, 0, 0, 0}, /* divu x24, x30, x30 */
    {"divu", 0x02d9d733, F_RD|F_RS1|F_RS2, 14, 19, 13, 0, 0, 0}, /* divu x14, x19, x13 */
    {"divu", 0x0224d533, F_RD|F_RS1|F_RS2, 10, 9, 2, 0, 0, 0}, /* divu x10, x9, x2 */
    {"rem", 0x029b6533, F_RD|F_RS1|F_RS2, 10, 22, 9, 0, 0, 0}, /* rem x10, x22, x9 */
    {"rem", 0x02416433, F_RD|F_RS1|F_RS2, 8, 2, 4, 0, 0, 0}, /* rem x8, x2, x4 */
    {"rem", 0x03826633, F_RD|F_RS1|F_RS2, 12, 4, 24, 0, 0, 0}, /* rem x12, x4, x24 */
    {"remu", 0x0223f6b3, F_RD|F_RS1|F_RS2, 13, 7, 2, 0, 0, 0}, /* remu x13, x7, x2 */
    {"remu", 0x026f7933, F_RD|F_RS1|F_RS2, 18, 30, 6, 0, 0, 0}, /* remu x18, x30, x6 */
    {"remu", 0x035a7933, F_RD|F_RS1|F_RS2, 18, 20, 21, 0, 0, 0}, /* remu x18, x20, x21 */
    {"mulw", 0x03280b3b, F_RD|F_RS1|F_RS2, 22, 16, 18, 0, 0, 0}, /* mulw x22, x16, x18 */
    {"mulw", 0x032f0a3b, F_RD|F_RS1|F_RS2, 20, 30, 18, 0, 0, 0}, /* mulw x20, x30, x18 */
    {"mulw", 0x03630dbb, F_RD|F_RS1|F_RS2, 27, 6, 22, 0, 0, 0}, /* mulw x27, x6, x22 */
    {"divw", 0x0322c6bb, F_RD|F_RS1|F_RS2, 13, 5, 18, 0, 0, 0}, /* divw x13, x5, x18 */
    {"divw", 0x0239463b, F_RD|F_RS1|F_RS2, 12, 18, 3, 0, 0, 0}, /* divw x12, x18, x3 */
    {"divw", 0x02bfc33b, F_RD|F_RS1|F_RS2, 6, 31, 11, 0, 0, 0}, /* divw x6, x31, x11 */
    {"divuw", 0x0325583b, F_RD|F_RS1|F_RS2, 16, 10, 18, 0, 0, 0}, /* divuw x16, x10, x18 */
    {"divuw", 0x02755fbb, F_RD|F_RS1|F_RS2, 31, 10, 7, 0, 0, 0}, /* divuw x31, x10, x7 */
    {"divuw", 0x026b5a3b, F_RD|F_RS1|F_RS2, 20, 22, 6, 0, 0, 0}, /* divuw x20, x22, x6 */
    {"remw", 0x0370edbb, F_RD|F_RS1|F_RS2, 27, 1, 23, 0, 0, 0}, /* remw x27, x1, x23 */
    {"remw", 0x03856dbb, F_RD|F_RS1|F_RS2, 27, 10, 24, 0, 0, 0}, /* remw x27, x10, x24 */
    {"remw", 0x034b613b, F_RD|F_RS1|F_RS2, 2, 22, 20, 0, 0, 0}, /* remw x2, x22, x20 */
    {"remuw", 0x03cef53b, F_RD|F_RS1|F_RS2, 10, 29, 28, 0, 0, 0}, /* remuw x10, x29, x28 */
    {"remuw", 0x03daf43b, F_RD|F_RS1|F_RS2, 8, 21, 29, 0, 0, 0}, /* remuw x8, x21, x29 */
    {"remuw", 0x0299f8bb, F_RD|F_RS1|F_RS2, 17, 19, 9, 0, 0, 0}, /* remuw x17, x19, x9 */
    {"lr.w", 0x10052b2f, F_RD|F_RS1, 22, 10, 0, 0, 0, 0}, /* lr.w x22, (x10) */
    {"lr.w", 0x1203252f, F_RD|F_RS1, 10, 6, 0, 0, 0, 0}, /* lr.w.rl x10, (x6) */
    {"lr.w", 0x120da9af, F_RD|F_RS1, 19, 27, 0, 0, 0, 0}, /* lr.w.rl x19, (x27) */
    {"sc.w", 0x1fdc26af, F_RD|F_RS1|F_RS2, 13, 24, 29, 0, 0, 0}, /* sc.w.aqrl x13, x29, (x24) */
    {"sc.w", 0x1fd9272f, F_RD|F_RS1|F_RS2, 14, 18, 29, 0, 0, 0}, /* sc.w.aqrl x14, x29, (x18) */
    {"sc.w", 0x1db7a02f, F_RD|F_RS1|F_RS2, 0, 15, 27, 0, 0, 0}, /* sc.w.aq x0, x27, (x15) */
    {"amoswap.w", 0x0fbea3af, F_RD|F_RS1|F_RS2, 7, 29, 27, 0, 0, 0}, /* amoswap.w.aqrl x7, x27, (x29) */
    {"amoswap.w", 0x0eaca7af, F_RD|F_RS1|F_RS2, 15, 25, 10, 0, 0, 0}, /* amoswap.w.aqrl x15, x10, (x25) */
    {"amoswap.w", 0x0ebd20af, F_RD|F_RS1|F_RS2, 1, 26, 11, 0, 0, 0}, /* amoswap.w.aqrl x1, x11, (x26) */
    {"amoadd.w", 0x0301232f, F_RD|F_RS1|F_RS2, 6, 2, 16, 0, 0, 0}, /* amoadd.w.rl x6, x16, (x2) */
    {"amoadd.w", 0x02dea32f, F_RD|F_RS1|F_RS2, 6, 29, 13, 0, 0, 0}, /* amoadd.w.rl x6, x13, (x29) */
    {"amoadd.w", 0x07dd2aaf, F_RD|F_RS1|F_RS2, 21, 26, 29, 0, 0, 0}, /* amoadd.w.aqrl x21, x29, (x26) */
    {"amoxor.w", 0x263b23af, F_RD|F_RS1|F_RS2, 7, 22, 3, 0, 0, 0}, /* amoxor.w.aqrl x7, x3, (x22) */
    {"amoxor.w", 0x224021af, F_RD|F_RS1|F_RS2, 3, 0, 4, 0, 0, 0}, /* amoxor.w.rl x3, x4, (x0) */
    {"amoxor.w", 0x2737232f, F_RD|F_RS1|F_RS2, 6, 14, 19, 0, 0, 0}, /* amoxor.w.aqrl x6, x19, (x14) */
    {"amoand.w", 0x66a6aeaf, F_RD|F_RS1|F_RS2, 29, 13, 10, 0, 0, 0}, /* amoand.w.aqrl x29, x10, (x13) */
    {"amoand.w", 0x6564a72f, F_RD|F_RS1|F_RS2, 14, 9, 22, 0, 0, 0}, /* amoand.w.aq x14, x22, (x9) */
    {"amoand.w", 0x62eb2f2f, F_RD|F_RS1|F_RS2, 30, 22, 14, 0, 0, 0}, /* amoand.w.rl x30, x14, (x22) */
    {"amoor.w", 0x43e5adaf, F_RD|F_RS1|F_RS2, 27, 11, 30, 0, 0, 0}, /* amoor.w.rl x27, x30, (x11) */
    {"amoor.w", 0x4149a7af, F_RD|F_RS1|F_RS2, 15, 19, 20, 0, 0, 0}, /* amoor.w x15, x20, (x19) */
    {"amoor.w", 0x4334abaf, F_RD|F_RS1|F_RS2, 23, 9, 19, 0, 0, 0}, /* amoor.w.rl x23, x19, (x9) */
    {"amomin.w", 0x820b242f, F_RD|F_RS1|F_RS2, 8, 22, 0, 0, 0, 0}, /* amomin.w.rl x8, x0, (x22) */
    {"amomin.w", 0x8293282f, F_RD|F_RS1|F_RS2, 16, 6, 9, 0, 0, 0}, /* amomin.w.rl x16, x9, (x6) */
    {"amomin.w", 0x8396a4af, F_RD|F_RS1|F_RS2, 9, 13, 25, 0, 0, 0}, /* amomin.w.rl x9, x25, (x13) */
    {"amomax.w", 0xa0dfa62f, F_RD|F_RS1|F_RS2, 12, 31, 13, 0, 0, 0}, /* amomax.w x12, x13, (x31) */
    {"amomax.w", 0xa7a823af, F_RD|F_RS1|F_RS2, 7, 16, 26, 0, 0, 0}, /* amomax.w.aqrl x7, x26, (x16) */
    {"amomax.w", 0xa5df21af, F_RD|F_RS1|F_RS2, 3, 30, 29, 0, 0, 0}, /* amomax.w.aq x3, x29, (x30) */
    {"amominu.w", 0xc6052faf, F_RD|F_RS1|F_RS2, 31, 10, 0, 0, 0, 0}, /* amominu.w.aqrl x31, x0, (x10) */
    {"amominu.w", 0xc57ea92f, F_RD|F_RS1|F_RS2, 18, 29, 23, 0, 0, 0}, /* amominu.w.aq x18, x23, (x29) */
    {"amominu.w", 0xc010abaf, F_RD|F_RS1|F_RS2, 23, 1, 1, 0, 0, 0}, /* amominu.w x23, x1, (x1) */
    {"amomaxu.w", 0xe49faf2f, F_RD|F_RS1|F_RS2, 30, 31, 9, 0, 0, 0}, /* amomaxu.w.aq x30, x9, (x31) */
    {"amomaxu.w", 0xe3732aaf, F_RD|F_RS1|F_RS2, 21, 6, 23, 0, 0, 0}, /* amomaxu.w.rl x21, x23, (x6) */
    {"amomaxu.w", 0xe3baadaf, F_RD|F_RS1|F_RS2, 27, 21, 27, 0, 0, 0}, /* amomaxu.w.rl x27, x27, (x21) */
    {"lr.d", 0x120b392f, F_RD|F_RS1, 18, 22, 0, 0, 0, 0}, /* lr.d.rl x18, (x22) */
    {"lr.d", 0x120fb6af, F_RD|F_RS1, 13, 31, 0, 0, 0, 0}, /* lr.d.rl x13, (x31) */
    {"lr.d", 0x1002b42f, F_RD|F_RS1, 8, 5, 0, 0, 0, 0}, /* lr.d x8, (x5) */
    {"sc.d", 0x1e69bcaf, F_RD|F_RS1|F_RS2, 25, 19, 6, 0, 0, 0}, /* sc.d.aqrl x25, x6, (x19) */
    {"sc.d", 0x1e9c31af, F_RD|F_RS1|F_RS2, 3, 24, 9, 0, 0, 0}, /* sc.d.aqrl x3, x9, (x24) */
    {"sc.d", 0x18b335af, F_RD|F_RS1|F_RS2, 11, 6, 11, 0, 0, 0}, /* sc.d x11, x11, (x6) */
    {"amoswap.d", 0x0f343baf, F_RD|F_RS1|F_RS2, 23, 8, 19, 0, 0, 0}, /* amoswap.d.aqrl x23, x19, (x8) */
    {"amoswap.d", 0x0e1a312f, F_RD|F_RS1|F_RS2, 2, 20, 1, 0, 0, 0}, /* amoswap.d.aqrl x2, x1, (x20) */
    {"amoswap.d", 0x09a3b12f, F_RD|F_RS1|F_RS2, 2, 7, 26, 0, 0, 0}, /* amoswap.d x2, x26, (x7) */
    {"amoadd.d", 0x01e4bc2f, F_RD|F_RS1|F_RS2, 24, 9, 30, 0, 0, 0}, /* amoadd.d x24, x30, (x9) */
    {"amoadd.d", 0x0096bf2f, F_RD|F_RS1|F_RS2, 30, 13, 9, 0, 0, 0}, /* amoadd.d x30, x9, (x13) */
    {"amoadd.d", 0x00d2b3af, F_RD|F_RS1|F_RS2, 7, 5, 13, 0, 0, 0}, /* amoadd.d x7, x13, (x5) */
    {"amoxor.d", 0x25c7b8af, F_RD|F_RS1|F_RS2, 17, 15, 28, 0, 0, 0}, /* amoxor.d.aq x17, x28, (x15) */
    {"amoxor.d", 0x21f932af, F_RD|F_RS1|F_RS2, 5, 18, 31, 0, 0, 0}, /* amoxor.d x5, x31, (x18) */
    {"amoxor.d", 0x2630312f, F_RD|F_RS1|F_RS2, 2, 0, 3, 0, 0, 0}, /* amoxor.d.aqrl x2, x3, (x0) */
    {"amoand.d", 0x62a9b9af, F_RD|F_RS1|F_RS2, 19, 19, 10, 0, 0, 0}, /* amoand.d.rl x19, x10, (x19) */
    {"amoand.d", 0x63ee3baf, F_RD|F_RS1|F_RS2, 23, 28, 30, 0, 0, 0}, /* amoand.d.rl x23, x30, (x28) */
    {"amoand.d", 0x63ed352f, F_RD|F_RS1|F_RS2, 10, 26, 30, 0, 0, 0}, /* amoand.d.rl x10, x30, (x26) */
    {"amoor.d", 0x4438b92f, F_RD|F_RS1|F_RS2, 18, 17, 3, 0, 0, 0}, /* amoor.d.aq x18, x3, (x17) */
    {"amoor.d", 0x44fdb9af, F_RD|F_RS1|F_RS2, 19, 27, 15, 0, 0, 0}, /* amoor.d.aq x19, x15, (x27) */
    {"amoor.d", 0x46093e2f, F_RD|F_RS1|F_RS2, 28, 18, 0, 0, 0, 0}, /* amoor.d.aqrl x28, x0, (x18) */
    {"amomin.d", 0x8321352f, F_RD|F_RS1|F_RS2, 10, 2, 18, 0, 0, 0}, /* amomin.d.rl x10, x18, (x2) */
    {"amomin.d", 0x845b3faf, F_RD|F_RS1|F_RS2, 31, 22, 5, 0, 0, 0}, /* amomin.d.aq x31, x5, (x22) */
    {"amomin.d", 0x8391b9af, F_RD|F_RS1|F_RS2, 19, 3, 25, 0, 0, 0}, /* amomin.d.rl x19, x25, (x3) */
    {"amomax.d", 0xa1dc302f, F_RD|F_RS1|F_RS2, 0, 24, 29, 0, 0, 0}, /* amomax.d x0, x29, (x24) */
    {"amomax.d", 0xa50cb72f, F_RD|F_RS1|F_RS2, 14, 25, 16, 0, 0, 0}, /* amomax.d.aq x14, x16, (x25) */
    {"amomax.d", 0xa25636af, F_RD|F_RS1|F_RS2, 13, 12, 5, 0, 0, 0}, /* amomax.d.rl x13, x5, (x12) */
    {"amominu.d", 0xc29cbb2f, F_RD|F_RS1|F_RS2, 22, 25, 9, 0, 0, 0}, /* amominu.d.rl x22, x9, (x25) */
    {"amominu.d", 0xc1dbb32f, F_RD|F_RS1|F_RS2, 6, 23, 29, 0, 0, 0}, /* amominu.d x6, x29, (x23) */
    {"amominu.d", 0xc618bb2f, F_RD|F_RS1|F_RS2, 22, 17, 1, 0, 0, 0}, /* amominu.d.aqrl x22, x1, (x17) */
    {"amomaxu.d", 0xe51836af, F_RD|F_RS1|F_RS2, 13, 16, 17, 0, 0, 0}, /* amomaxu.d.aq x13, x17, (x16) */
    {"amomaxu.d", 0xe151382f, F_RD|F_RS1|F_RS2, 16, 2, 21, 0, 0, 0}, /* amomaxu.d x16, x21, (x2) */
    {"amomaxu.d", 0xe621b0af, F_RD|F_RS1|F_RS2, 1, 3, 2, 0, 0, 0}, /* amomaxu.d.aqrl x1, x2, (x3) */
    {"flw", 0x232ca207, F_RD|F_RS1|F_IMM, 4, 25, 0, 0, 0, 562}, /* flw f4, 562(x25) */
    {"flw", 0xd1c2a707, F_RD|F_RS1|F_IMM, 14, 5, 0, 0, 0, -740}, /* flw f14, -740(x5) */
    {"flw", 0x0307ab87, F_RD|F_RS1|F_IMM, 23, 15, 0, 0, 0, 48}, /* flw f23, 48(x15) */
    {"fsw", 0x7611ac27, F_RS1|F_RS2|F_IMM, 0, 3, 1, 0, 0, 1912}, /* fsw f1, 1912(x3) */
    {"fsw", 0xe4932ea7, F_RS1|F_RS2|F_IMM, 0, 6, 9, 0, 0, -419}, /* fsw f9, -419(x6) */
    {"fsw", 0x3e6e2227, F_RS1|F_RS2|F_IMM, 0, 28, 6, 0, 0, 996}, /* fsw f6, 996(x28) */
    {"fmadd.s", 0xb87c3843, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 16, 24, 7, 23, 3, 0}, /* fmadd.s f16, f24, f7, f23, rup */
    {"fmadd.s", 0x48fe7543, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 10, 28, 15, 9, 7, 0}, /* fmadd.s f10, f28, f15, f9, dyn */
    {"fmadd.s", 0x50261ec3, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 29, 12, 2, 10, 1, 0}, /* fmadd.s f29, f12, f2, f10, rtz */
    {"fmsub.s", 0x31c43bc7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 23, 8, 28, 6, 3, 0}, /* fmsub.s f23, f8, f28, f6, rup */
    {"fmsub.s", 0xa15e1247, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 4, 28, 21, 20, 1, 0}, /* fmsub.s f4, f28, f21, f20, rtz */
    {"fmsub.s", 0xa89b93c7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 7, 23, 9, 21, 1, 0}, /* fmsub.s f7, f23, f9, f21, rtz */
    {"fnmsub.s", 0xe09e15cb, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 11, 28, 9, 28, 1, 0}, /* fnmsub.s f11, f28, f9, f28, rtz */
    {"fnmsub.s", 0x48fd0d4b, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 26, 26, 15, 9, 0, 0}, /* fnmsub.s f26, f26, f15, f9, rne */
    {"fnmsub.s", 0x80aab94b, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 18, 21, 10, 16, 3, 0}, /* fnmsub.s f18, f21, f10, f16, rup */
    {"fnmadd.s", 0x39ee9a4f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 20, 29, 30, 7, 1, 0}, /* fnmadd.s f20, f29, f30, f7, rtz */
    {"fnmadd.s", 0x392f26cf, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 13, 30, 18, 7, 2, 0}, /* fnmadd.s f13, f30, f18, f7, rdn */
    {"fnmadd.s", 0x790d9bcf, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 23, 27, 16, 15, 1, 0}, /* fnmadd.s f23, f27, f16, f15, rtz */
    {"fadd.s", 0x01a90c53, F_RD|F_RS1|F_RS2|F_RM, 24, 18, 26, 0, 0, 0}, /* fadd.s f24, f18, f26, rne */
    {"fadd.s", 0x01c0c4d3, F_RD|F_RS1|F_RS2|F_RM, 9, 1, 28, 0, 4, 0}, /* fadd.s f9, f1, f28, rmm */
    {"fadd.s", 0x01202e53, F_RD|F_RS1|F_RS2|F_RM, 28, 0, 18, 0, 2, 0}, /* fadd.s f28, f0, f18, rdn */
    {"fsub.s", 0x08dd4153, F_RD|F_RS1|F_RS2|F_RM, 2, 26, 13, 0, 4, 0}, /* fsub.s f2, f26, f13, rmm */
    {"fsub.s", 0x08e59453, F_RD|F_RS1|F_RS2|F_RM, 8, 11, 14, 0, 1, 0}, /* fsub.s f8, f11, f14, rtz */
    {"fsub.s", 0x091f92d3, F_RD|F_RS1|F_RS2|F_RM, 5, 31, 17, 0, 1, 0}, /* fsub.s f5, f31, f17, rtz */
    {"fmul.s", 0x10c98653, F_RD|F_RS1|F_RS2|F_RM, 12, 19, 12, 0, 0, 0}, /* fmul.s f12, f19, f12, rne */
    {"fmul.s", 0x115b71d3, F_RD|F_RS1|F_RS2|F_RM, 3, 22, 21, 0, 7, 0}, /* fmul.s f3, f22, f21, dyn */
    {"fmul.s", 0x11a012d3, F_RD|F_RS1|F_RS2|F_RM, 5, 0, 26, 0, 1, 0}, /* fmul.s f5, f0, f26, rtz */
    {"fdiv.s", 0x197597d3, F_RD|F_RS1|F_RS2|F_RM, 15, 11, 23, 0, 1, 0}, /* fdiv.s f15, f11, f23, rtz */
    {"fdiv.s", 0x19cb0053, F_RD|F_RS1|F_RS2|F_RM, 0, 22, 28, 0, 0, 0}, /* fdiv.s f0, f22, f28, rne */
    {"fdiv.s", 0x198a27d3, F_RD|F_RS1|F_RS2|F_RM, 15, 20, 24, 0, 2, 0}, /* fdiv.s f15, f20, f24, rdn */
    {"fsqrt.s", 0x580e0fd3, F_RD|F_RS1|F_RM, 31, 28, 0, 0, 0, 0}, /* fsqrt.s f31, f28, rne */
    {"fsqrt.s", 0x580702d3, F_RD|F_RS1|F_RM, 5, 14, 0, 0, 0, 0}, /* fsqrt.s f5, f14, rne */
    {"fsqrt.s", 0x5800f853, F_RD|F_RS1|F_RM, 16, 1, 0, 0, 7, 0}, /* fsqrt.s f16, f1, dyn */
    {"fsgnj.s", 0x21d08853, F_RD|F_RS1|F_RS2, 16, 1, 29, 0, 0, 0}, /* fsgnj.s f16, f1, f29 */
    {"fsgnj.s", 0x206b0353, F_RD|F_RS1|F_RS2, 6, 22, 6, 0, 0, 0}, /* fsgnj.s f6, f22, f6 */
    {"fsgnj.s", 0x21fe83d3, F_RD|F_RS1|F_RS2, 7, 29, 31, 0, 0, 0}, /* fsgnj.s f7, f29, f31 */
    {"fsgnjn.s", 0x208c93d3, F_RD|F_RS1|F_RS2, 7, 25, 8, 0, 0, 0}, /* fsgnjn.s f7, f25, f8 */
    {"fsgnjn.s", 0x20ac9ed3, F_RD|F_RS1|F_RS2, 29, 25, 10, 0, 0, 0}, /* fsgnjn.s f29, f25, f10 */
    {"fsgnjn.s", 0x21911d53, F_RD|F_RS1|F_RS2, 26, 2, 25, 0, 0, 0}, /* fsgnjn.s f26, f2, f25 */
    {"fsgnjx.s", 0x2157acd3, F_RD|F_RS1|F_RS2, 25, 15, 21, 0, 0, 0}, /* fsgnjx.s f25, f15, f21 */
    {"fsgnjx.s", 0x2141acd3, F_RD|F_RS1|F_RS2, 25, 3, 20, 0, 0, 0}, /* fsgnjx.s f25, f3, f20 */
    {"fsgnjx.s", 0x200da7d3, F_RD|F_RS1|F_RS2, 15, 27, 0, 0, 0, 0}, /* fsgnjx.s f15, f27, f0 */
    {"fmin.s", 0x29ba0253, F_RD|F_RS1|F_RS2, 4, 20, 27, 0, 0, 0}, /* fmin.s f4, f20, f27 */
    {"fmin.s", 0x29a40753, F_RD|F_RS1|F_RS2, 14, 8, 26, 0, 0, 0}, /* fmin.s f14, f8, f26 */
    {"fmin.s", 0x29110153, F_RD|F_RS1|F_RS2, 2, 2, 17, 0, 0, 0}, /* fmin.s f2, f2, f17 */
    {"fmax.s", 0x28781353, F_RD|F_RS1|F_RS2, 6, 16, 7, 0, 0, 0}, /* fmax.s f6, f16, f7 */
    {"fmax.s", 0x28791153, F_RD|F_RS1|F_RS2, 2, 18, 7, 0, 0, 0}, /* fmax.s f2, f18, f7 */
    {"fmax.s", 0x291193d3, F_RD|F_RS1|F_RS2, 7, 3, 17, 0, 0, 0}, /* fmax.s f7, f3, f17 */
    {"fcvt.w.s", 0xc003be53, F_RD|F_RS1|F_RM, 28, 7, 0, 0, 3, 0}, /* fcvt.w.s x28, f7, rup */
    {"fcvt.w.s", 0xc007b8d3, F_RD|F_RS1|F_RM, 17, 15, 0, 0, 3, 0}, /* fcvt.w.s x17, f15, rup */
    {"fcvt.w.s", 0xc0064c53, F_RD|F_RS1|F_RM, 24, 12, 0, 0, 4, 0}, /* fcvt.w.s x24, f12, rmm */
    {"fcvt.wu.s", 0xc01f1f53, F_RD|F_RS1|F_RM, 30, 30, 0, 0, 1, 0}, /* fcvt.wu.s x30, f30, rtz */
    {"fcvt.wu.s", 0xc0160753, F_RD|F_RS1|F_RM, 14, 12, 0, 0, 0, 0}, /* fcvt.wu.s x14, f12, rne */
    {"fcvt.wu.s", 0xc017b553, F_RD|F_RS1|F_RM, 10, 15, 0, 0, 3, 0}, /* fcvt.wu.s x10, f15, rup */
    {"fcvt.l.s", 0xc0268953, F_RD|F_RS1|F_RM, 18, 13, 0, 0, 0, 0}, /* fcvt.l.s x18, f13, rne */
    {"fcvt.l.s", 0xc02b4253, F_RD|F_RS1|F_RM, 4, 22, 0, 0, 4, 0}, /* fcvt.l.s x4, f22, rmm */
    {"fcvt.l.s", 0xc02b7e53, F_RD|F_RS1|F_RM, 28, 22, 0, 0, 7, 0}, /* fcvt.l.s x28, f22, dyn */
    {"fcvt.lu.s", 0xc03afd53, F_RD|F_RS1|F_RM, 26, 21, 0, 0, 7, 0}, /* fcvt.lu.s x26, f21, dyn */
    {"fcvt.lu.s", 0xc03378d3, F_RD|F_RS1|F_RM, 17, 6, 0, 0, 7, 0}, /* fcvt.lu.s x17, f6, dyn */
    {"fcvt.lu.s", 0xc0334d53, F_RD|F_RS1|F_RM, 26, 6, 0, 0, 4, 0}, /* fcvt.lu.s x26, f6, rmm */
    {"fmv.x.w", 0xe00c8fd3, F_RD|F_RS1, 31, 25, 0, 0, 0, 0}, /* fmv.x.w x31, f25 */
    {"fmv.x.w", 0xe00e0c53, F_RD|F_RS1, 24, 28, 0, 0, 0, 0}, /* fmv.x.w x24, f28 */
    {"fmv.x.w", 0xe00b0953, F_RD|F_RS1, 18, 22, 0, 0, 0, 0}, /* fmv.x.w x18, f22 */
    {"fclass.s", 0xe00f9053, F_RD|F_RS1, 0, 31, 0, 0, 0, 0}, /* fclass.s x0, f31 */
    {"fclass.s", 0xe00499d3, F_RD|F_RS1, 19, 9, 0, 0, 0, 0}, /* fclass.s x19, f9 */
    {"fclass.s", 0xe00a92d3, F_RD|F_RS1, 5, 21, 0, 0, 0, 0}, /* fclass.s x5, f21 */
    {"feq.s", 0xa0102dd3, F_RD|F_RS1|F_RS2, 27, 0, 1, 0, 0, 0}, /* feq.s x27, f0, f1 */
    {"feq.s", 0xa1b9a9d3, F_RD|F_RS1|F_RS2, 19, 19, 27, 0, 0, 0}, /* feq.s x19, f19, f27 */
    {"feq.s", 0xa1612b53, F_RD|F_RS1|F_RS2, 22, 2, 22, 0, 0, 0}, /* feq.s x22, f2, f22 */
    {"flt.s", 0xa1a31753, F_RD|F_RS1|F_RS2, 14, 6, 26, 0, 0, 0}, /* flt.s x14, f6, f26 */
    {"flt.s", 0xa1a614d3, F_RD|F_RS1|F_RS2, 9, 12, 26, 0, 0, 0}, /* flt.s x9, f12, f26 */
    {"flt.s", 0xa0a29ad3, F_RD|F_RS1|F_RS2, 21, 5, 10, 0, 0, 0}, /* flt.s x21, f5, f10 */
    {"fle.s", 0xa0b98253, F_RD|F_RS1|F_RS2, 4, 19, 11, 0, 0, 0}, /* fle.s x4, f19, f11 */
    {"fle.s", 0xa0ad0ad3, F_RD|F_RS1|F_RS2, 21, 26, 10, 0, 0, 0}, /* fle.s x21, f26, f10 */
    {"fle.s", 0xa0bd0653, F_RD|F_RS1|F_RS2, 12, 26, 11, 0, 0, 0}, /* fle.s x12, f26, f11 */
    {"fcvt.s.w", 0xd0010b53, F_RD|F_RS1|F_RM, 22, 2, 0, 0, 0, 0}, /* fcvt.s.w f22, x2, rne */
    {"fcvt.s.w", 0xd009c053, F_RD|F_RS1|F_RM, 0, 19, 0, 0, 4, 0}, /* fcvt.s.w f0, x19, rmm */
    {"fcvt.s.w", 0xd00640d3, F_RD|F_RS1|F_RM, 1, 12, 0, 0, 4, 0}, /* fcvt.s.w f1, x12, rmm */
    {"fcvt.s.wu", 0xd01614d3, F_RD|F_RS1|F_RM, 9, 12, 0, 0, 1, 0}, /* fcvt.s.wu f9, x12, rtz */
    {"fcvt.s.wu", 0xd0109353, F_RD|F_RS1|F_RM, 6, 1, 0, 0, 1, 0}, /* fcvt.s.wu f6, x1, rtz */
    {"fcvt.s.wu", 0xd01dfed3, F_RD|F_RS1|F_RM, 29, 27, 0, 0, 7, 0}, /* fcvt.s.wu f29, x27, dyn */
    {"fcvt.s.l", 0xd02794d3, F_RD|F_RS1|F_RM, 9, 15, 0, 0, 1, 0}, /* fcvt.s.l f9, x15, rtz */
    {"fcvt.s.l", 0xd02318d3, F_RD|F_RS1|F_RM, 17, 6, 0, 0, 1, 0}, /* fcvt.s.l f17, x6, rtz */
    {"fcvt.s.l", 0xd020bc53, F_RD|F_RS1|F_RM, 24, 1, 0, 0, 3, 0}, /* fcvt.s.l f24, x1, rup */
    {"fcvt.s.lu", 0xd0319e53, F_RD|F_RS1|F_RM, 28, 3, 0, 0, 1, 0}, /* fcvt.s.lu f28, x3, rtz */
    {"fcvt.s.lu", 0xd035b553, F_RD|F_RS1|F_RM, 10, 11, 0, 0, 3, 0}, /* fcvt.s.lu f10, x11, rup */
    {"fcvt.s.lu", 0xd0381d53, F_RD|F_RS1|F_RM, 26, 16, 0, 0, 1, 0}, /* fcvt.s.lu f26, x16, rtz */
    {"fmv.w.x", 0xf00d0753, F_RD|F_RS1, 14, 26, 0, 0, 0, 0}, /* fmv.w.x f14, x26 */
    {"fmv.w.x", 0xf00780d3, F_RD|F_RS1, 1, 15, 0, 0, 0, 0}, /* fmv.w.x f1, x15 */
    {"fmv.w.x", 0xf0058c53, F_RD|F_RS1, 24, 11, 0, 0, 0, 0}, /* fmv.w.x f24, x11 */
    {"fld", 0xa18ab387, F_RD|F_RS1|F_IMM, 7, 21, 0, 0, 0, -1512}, /* fld f7, -1512(x21) */
    {"fld", 0xe1edb387, F_RD|F_RS1|F_IMM, 7, 27, 0, 0, 0, -482}, /* fld f7, -482(x27) */
    {"fld", 0x91e93e87, F_RD|F_RS1|F_IMM, 29, 18, 0, 0, 0, -1762}, /* fld f29, -1762(x18) */
    {"fsd", 0xc350b3a7, F_RS1|F_RS2|F_IMM, 0, 1, 21, 0, 0, -985}, /* fsd f21, -985(x1) */
    {"fsd", 0x631637a7, F_RS1|F_RS2|F_IMM, 0, 12, 17, 0, 0, 1583}, /* fsd f17, 1583(x12) */
    {"fsd", 0xeea7b6a7, F_RS1|F_RS2|F_IMM, 0, 15, 10, 0, 0, -275}, /* fsd f10, -275(x15) */
    {"fmadd.d", 0x9adc3cc3, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 25, 24, 13, 19, 3, 0}, /* fmadd.d f25, f24, f13, f19, rup */
    {"fmadd.d", 0x828e4743, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 14, 28, 8, 16, 4, 0}, /* fmadd.d f14, f28, f8, f16, rmm */
    {"fmadd.d", 0x6b979bc3, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 23, 15, 25, 13, 1, 0}, /* fmadd.d f23, f15, f25, f13, rtz */
    {"fmsub.d", 0x0b88f2c7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 5, 17, 24, 1, 7, 0}, /* fmsub.d f5, f17, f24, f1, dyn */
    {"fmsub.d", 0x2b8079c7, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 19, 0, 24, 5, 7, 0}, /* fmsub.d f19, f0, f24, f5, dyn */
    {"fmsub.d", 0x32ca0747, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 14, 20, 12, 6, 0, 0}, /* fmsub.d f14, f20, f12, f6, rne */
    {"fnmsub.d", 0x9a4609cb, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 19, 12, 4, 19, 0, 0}, /* fnmsub.d f19, f12, f4, f19, rne */
    {"fnmsub.d", 0x9394294b, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 18, 8, 25, 18, 2, 0}, /* fnmsub.d f18, f8, f25, f18, rdn */
    {"fnmsub.d", 0x5b140ecb, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 29, 8, 17, 11, 0, 0}, /* fnmsub.d f29, f8, f17, f11, rne */
    {"fnmadd.d", 0xea1d1b4f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 22, 26, 1, 29, 1, 0}, /* fnmadd.d f22, f26, f1, f29, rtz */
    {"fnmadd.d", 0x92b30b4f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 22, 6, 11, 18, 0, 0}, /* fnmadd.d f22, f6, f11, f18, rne */
    {"fnmadd.d", 0x1391474f, F_RD|F_RS1|F_RS2|F_RS3|F_RM, 14, 2, 25, 2, 4, 0}, /* fnmadd.d f14, f2, f25, f2, rmm */
    {"fadd.d", 0x03363dd3, F_RD|F_RS1|F_RS2|F_RM, 27, 12, 19, 0, 3, 0}, /* fadd.d f27, f12, f19, rup */
    {"fadd.d", 0x02e5f9d3, F_RD|F_RS1|F_RS2|F_RM, 19, 11, 14, 0, 7, 0}, /* fadd.d f19, f11, f14, dyn */
    {"fadd.d", 0x020b7dd3, F_RD|F_RS1|F_RS2|F_RM, 27, 22, 0, 0, 7, 0}, /* fadd.d f27, f22, f0, dyn */
    {"fsub.d", 0x0af18153, F_RD|F_RS1|F_RS2|F_RM, 2, 3, 15, 0, 0, 0}, /* fsub.d f2, f3, f15, rne */
    {"fsub.d", 0x0a5b76d3, F_RD|F_RS1|F_RS2|F_RM, 13, 22, 5, 0, 7, 0}, /* fsub.d f13, f22, f5, dyn */
    {"fsub.d", 0x0a58b753, F_RD|F_RS1|F_RS2|F_RM, 14, 17, 5, 0, 3, 0}, /* fsub.d f14, f17, f5, rup */
    {"fmul.d", 0x123e3ad3, F_RD|F_RS1|F_RS2|F_RM, 21, 28, 3, 0, 3, 0}, /* fmul.d f21, f28, f3, rup */
    {"fmul.d", 0x12261fd3, F_RD|F_RS1|F_RS2|F_RM, 31, 12, 2, 0, 1, 0}, /* fmul.d f31, f12, f2, rtz */
    {"fmul.d", 0x12f817d3, F_RD|F_RS1|F_RS2|F_RM, 15, 16, 15, 0, 1, 0}, /* fmul.d f15, f16, f15, rtz */
    {"fdiv.d", 0x1a5d7b53, F_RD|F_RS1|F_RS2|F_RM, 22, 26, 5, 0, 7, 0}, /* fdiv.d f22, f26, f5, dyn */
    {"fdiv.d", 0x1bf41453, F_RD|F_RS1|F_RS2|F_RM, 8, 8, 31, 0, 1, 0}, /* fdiv.d f8, f8, f31, rtz */
    {"fdiv.d", 0x1a8e7053, F_RD|F_RS1|F_RS2|F_RM, 0, 28, 8, 0, 7, 0}, /* fdiv.d f0, f28, f8, dyn */
    {"fsqrt.d", 0x5a04f453, F_RD|F_RS1|F_RM, 8, 9, 0, 0, 7, 0}, /* fsqrt.d f8, f9, dyn */
    {"fsqrt.d", 0x5a053dd3, F_RD|F_RS1|F_RM, 27, 10, 0, 0, 3, 0}, /* fsqrt.d f27, f10, rup */
    {"fsqrt.d", 0x5a0933d3, F_RD|F_RS1|F_RM, 7, 18, 0, 0, 3, 0}, /* fsqrt.d f7, f18, rup */
    {"fsgnj.d", 0x23118153, F_RD|F_RS1|F_RS2, 2, 3, 17, 0, 0, 0}, /* fsgnj.d f2, f3, f17 */
    {"fsgnj.d", 0x227e09d3, F_RD|F_RS1|F_RS2, 19, 28, 7, 0, 0, 0}, /* fsgnj.d f19, f28, f7 */
    {"fsgnj.d", 0x232b8ed3, F_RD|F_RS1|F_RS2, 29, 23, 18, 0, 0, 0}, /* fsgnj.d f29, f23, f18 */
    {"fsgnjn.d", 0x23d01153, F_RD|F_RS1|F_RS2, 2, 0, 29, 0, 0, 0}, /* fsgnjn.d f2, f0, f29 */
    {"fsgnjn.d", 0x23f31853, F_RD|F_RS1|F_RS2, 16, 6, 31, 0, 0, 0}, /* fsgnjn.d f16, f6, f31 */
    {"fsgnjn.d", 0x23601a53, F_RD|F_RS1|F_RS2, 20, 0, 22, 0, 0, 0}, /* fsgnjn.d f20, f0, f22 */
    {"fsgnjx.d", 0x2257a853, F_RD|F_RS1|F_RS2, 16, 15, 5, 0, 0, 0}, /* fsgnjx.d f16, f15, f5 */
    {"fsgnjx.d", 0x229ca0d3, F_RD|F_RS1|F_RS2, 1, 25, 9, 0, 0, 0}, /* fsgnjx.d f1, f25, f9 */
    {"fsgnjx.d", 0x23332553, F_RD|F_RS1|F_RS2, 10, 6, 19, 0, 0, 0}, /* fsgnjx.d f10, f6, f19 */
    {"fmin.d", 0x2aea0b53, F_RD|F_RS1|F_RS2, 22, 20, 14, 0, 0, 0}, /* fmin.d f22, f20, f14 */
    {"fmin.d", 0x2a378853, F_RD|F_RS1|F_RS2, 16, 15, 3, 0, 0, 0}, /* fmin.d f16, f15, f3 */
    {"fmin.d", 0x2bf681d3, F_RD|F_RS1|F_RS2, 3, 13, 31, 0, 0, 0}, /* fmin.d f3, f13, f31 */
    {"fmax.d", 0x2a9299d3, F_RD|F_RS1|F_RS2, 19, 5, 9, 0, 0, 0}, /* fmax.d f19, f5, f9 */
    {"fmax.d", 0x2a5c9e53, F_RD|F_RS1|F_RS2, 28, 25, 5, 0, 0, 0}, /* fmax.d f28, f25, f5 */
    {"fmax.d", 0x2b769653, F_RD|F_RS1|F_RS2, 12, 13, 23, 0, 0, 0}, /* fmax.d f12, f13, f23 */
    {"fcvt.s.d", 0x401944d3, F_RD|F_RS1|F_RM, 9, 18, 0, 0, 4, 0}, /* fcvt.s.d f9, f18, rmm */
    {"fcvt.s.d", 0x40127ad3, F_RD|F_RS1|F_RM, 21, 4, 0, 0, 7, 0}, /* fcvt.s.d f21, f4, dyn */
    {"fcvt.s.d", 0x401c3553, F_RD|F_RS1|F_RM, 10, 24, 0, 0, 3, 0}, /* fcvt.s.d f10, f24, rup */
    {"fcvt.d.s", 0x420f0653, F_RD|F_RS1, 12, 30, 0, 0, 0, 0}, /* fcvt.d.s f12, f30 */
    {"fcvt.d.s", 0x42048dd3, F_RD|F_RS1, 27, 9, 0, 0, 0, 0}, /* fcvt.d.s f27, f9 */
    {"fcvt.d.s", 0x420d09d3, F_RD|F_RS1, 19, 26, 0, 0, 0, 0}, /* fcvt.d.s f19, f26 */
    {"feq.d", 0xa21aa9d3, F_RD|F_RS1|F_RS2, 19, 21, 1, 0, 0, 0}, /* feq.d x19, f21, f1 */
    {"feq.d", 0xa374a2d3, F_RD|F_RS1|F_RS2, 5, 9, 23, 0, 0, 0}, /* feq.d x5, f9, f23 */
    {"feq.d", 0xa30cae53, F_RD|F_RS1|F_RS2, 28, 25, 16, 0, 0, 0}, /* feq.d x28, f25, f16 */
    {"flt.d", 0xa2e39653, F_RD|F_RS1|F_RS2, 12, 7, 14, 0, 0, 0}, /* flt.d x12, f7, f14 */
    {"flt.d", 0xa3f81653, F_RD|F_RS1|F_RS2, 12, 16, 31, 0, 0, 0}, /* flt.d x12, f16, f31 */
    {"flt.d", 0xa2539753, F_RD|F_RS1|F_RS2, 14, 7, 5, 0, 0, 0}, /* flt.d x14, f7, f5 */
    {"fle.d", 0xa2740e53, F_RD|F_RS1|F_RS2, 28, 8, 7, 0, 0, 0}, /* fle.d x28, f8, f7 */
    {"fle.d", 0xa3e60553, F_RD|F_RS1|F_RS2, 10, 12, 30, 0, 0, 0}, /* fle.d x10, f12, f30 */
    {"fle.d", 0xa2fc81d3, F_RD|F_RS1|F_RS2, 3, 25, 15, 0, 0, 0}, /* fle.d x3, f25, f15 */
    {"fclass.d", 0xe2069053, F_RD|F_RS1, 0, 13, 0, 0, 0, 0}, /* fclass.d x0, f13 */
    {"fclass.d", 0xe2029dd3, F_RD|F_RS1, 27, 5, 0, 0, 0, 0}, /* fclass.d x27, f5 */
    {"fclass.d", 0xe20b9553, F_RD|F_RS1, 10, 23, 0, 0, 0, 0}, /* fclass.d x10, f23 */
    {"fcvt.w.d", 0xc20b87d3, F_RD|F_RS1|F_RM, 15, 23, 0, 0, 0, 0}, /* fcvt.w.d x15, f23, rne */
    {"fcvt.w.d", 0xc20b0353, F_RD|F_RS1|F_RM, 6, 22, 0, 0, 0, 0}, /* fcvt.w.d x6, f22, rne */
    {"fcvt.w.d", 0xc20b0853, F_RD|F_RS1|F_RM, 16, 22, 0, 0, 0, 0}, /* fcvt.w.d x16, f22, rne */
    {"fcvt.wu.d", 0xc21083d3, F_RD|F_RS1|F_RM, 7, 1, 0, 0, 0, 0}, /* fcvt.wu.d x7, f1, rne */
    {"fcvt.wu.d", 0xc21495d3, F_RD|F_RS1|F_RM, 11, 9, 0, 0, 1, 0}, /* fcvt.wu.d x11, f9, rtz */
    {"fcvt.wu.d", 0xc21e28d3, F_RD|F_RS1|F_RM, 17, 28, 0, 0, 2, 0}, /* fcvt.wu.d x17, f28, rdn */
    {"fcvt.l.d", 0xc22f0fd3, F_RD|F_RS1|F_RM, 31, 30, 0, 0, 0, 0}, /* fcvt.l.d x31, f30, rne */
    {"fcvt.l.d", 0xc22f3cd3, F_RD|F_RS1|F_RM, 25, 30, 0, 0, 3, 0}, /* fcvt.l.d x25, f30, rup */
    {"fcvt.l.d", 0xc22ba253, F_RD|F_RS1|F_RM, 4, 23, 0, 0, 2, 0}, /* fcvt.l.d x4, f23, rdn */
    {"fcvt.lu.d", 0xc236f153, F_RD|F_RS1|F_RM, 2, 13, 0, 0, 7, 0}, /* fcvt.lu.d x2, f13, dyn */
    {"fcvt.lu.d", 0xc23eaad3, F_RD|F_RS1|F_RM, 21, 29, 0, 0, 2, 0}, /* fcvt.lu.d x21, f29, rdn */
    {"fcvt.lu.d", 0xc23f0ad3, F_RD|F_RS1|F_RM, 21, 30, 0, 0, 0, 0}, /* fcvt.lu.d x21, f30, rne */
    {"fcvt.d.w", 0xd2010ed3, F_RD|F_RS1, 29, 2, 0, 0, 0, 0}, /* fcvt.d.w f29, x2 */
    {"fcvt.d.w", 0xd20208d3, F_RD|F_RS1, 17, 4, 0, 0, 0, 0}, /* fcvt.d.w f17, x4 */
    {"fcvt.d.w", 0xd2030153, F_RD|F_RS1, 2, 6, 0, 0, 0, 0}, /* fcvt.d.w f2, x6 */
    {"fcvt.d.wu", 0xd2190bd3, F_RD|F_RS1, 23, 18, 0, 0, 0, 0}, /* fcvt.d.wu f23, x18 */
    {"fcvt.d.wu", 0xd21a89d3, F_RD|F_RS1, 19, 21, 0, 0, 0, 0}, /* fcvt.d.wu f19, x21 */
    {"fcvt.d.wu", 0xd2118ad3, F_RD|F_RS1, 21, 3, 0, 0, 0, 0}, /* fcvt.d.wu f21, x3 */
    {"fcvt.d.l", 0xd22797d3, F_RD|F_RS1|F_RM, 15, 15, 0, 0, 1, 0}, /* fcvt.d.l f15, x15, rtz */
    {"fcvt.d.l", 0xd22eb053, F_RD|F_RS1|F_RM, 0, 29, 0, 0, 3, 0}, /* fcvt.d.l f0, x29, rup */
    {"fcvt.d.l", 0xd2227553, F_RD|F_RS1|F_RM, 10, 4, 0, 0, 7, 0}, /* fcvt.d.l f10, x4, dyn */
    {"fcvt.d.lu", 0xd23ac853, F_RD|F_RS1|F_RM, 16, 21, 0, 0, 4, 0}, /* fcvt.d.lu f16, x21, rmm */
    {"fcvt.d.lu", 0xd239a5d3, F_RD|F_RS1|F_RM, 11, 19, 0, 0, 2, 0}, /* fcvt.d.lu f11, x19, rdn */
    {"fcvt.d.lu", 0xd23fa253, F_RD|F_RS1|F_RM, 4, 31, 0, 0, 2, 0}, /* fcvt.d.lu f4, x31, rdn */
    {"fmv.x.d", 0xe20500d3, F_RD|F_RS1, 1, 10, 0, 0, 0, 0}, /* fmv.x.d x1, f10 */
    {"fmv.x.d", 0xe20186d3, F_RD|F_RS1, 13, 3, 0, 0, 0, 0}, /* fmv.x.d x13, f3 */
    {"fmv.x.d", 0xe2060353, F_RD|F_RS1, 6, 12, 0, 0, 0, 0}, /* fmv.x.d x6, f12 */
    {"fmv.d.x", 0xf20202d3, F_RD|F_RS1, 5, 4, 0, 0, 0, 0}, /* fmv.d.x f5, x4 */
    {"fmv.d.x", 0xf20008d3, F_RD|F_RS1, 17, 0, 0, 0, 0, 0}, /* fmv.d.x f17, x0 */
    {"fmv.d.x", 0xf2008a53, F_RD|F_RS1, 20, 1, 0, 0, 0, 0}, /* fmv.d.x f20, x1 */
    {"addi", 0x80058513, F_RD|F_RS1|F_IMM, 10, 11, 0, 0, 0, -2048}, /* addi x10, x11, -2048 */
    {"addi", 0x7ff58513, F_RD|F_RS1|F_IMM, 10, 11, 0, 0, 0, 2047}, /* addi x10, x11, 2047 */
    {"ld", 0xfff0bf83, F_RD|F_RS1|F_IMM, 31, 1, 0, 0, 0, -1}, /* ld x31, -1(x1) */
    {"sd", 0x81f13023, F_RS1|F_RS2|F_IMM, 0, 2, 31, 0, 0, -2048}, /* sd x31, -2048(x2) */
    {"sw", 0x7e1fafa3, F_RS1|F_RS2|F_IMM, 0, 31, 1, 0, 0, 2047}, /* sw x1, 2047(x31) */
    {"sb", 0xfe530fa3, F_RS1|F_RS2|F_IMM, 0, 6, 5, 0, 0, -1}, /* sb x5, -1(x6) */
    {"beq", 0x80208063, F_RS1|F_RS2|F_IMM, 0, 1, 2, 0, 0, -4096}, /* beq x1, x2, .-4096 */
    {"bne", 0x7fef9fe3, F_RS1|F_RS2|F_IMM, 0, 31, 30, 0, 0, 4094}, /* bne x31, x30, .+4094 */
    {"bltu", 0x0041e0e3, F_RS1|F_RS2|F_IMM, 0, 3, 4, 0, 0, 2048}, /* bltu x3, x4, .+2048 */
    {"bge", 0xfe41dfe3, F_RS1|F_RS2|F_IMM, 0, 3, 4, 0, 0, -2}, /* bge x3, x4, .-2 */
    {"jal", 0x800000ef, F_RD|F_IMM, 1, 0, 0, 0, 0, -1048576}, /* jal x1, .-1048576 */
    {"jal", 0x7ffff06f, F_RD|F_IMM, 0, 0, 0, 0, 0, 1048574}, /* jal x0, .+1048574 */
    {"jal", 0x001002ef, F_RD|F_IMM, 5, 0, 0, 0, 0, 2048}, /* jal x5, .+2048 */
    {"jal", 0xfffff2ef, F_RD|F_IMM, 5, 0, 0, 0, 0, -2}, /* jal x5, .-2 */
    {"jalr", 0x800f8067, F_RD|F_RS1|F_IMM, 0, 31, 0, 0, 0, -2048}, /* jalr x0, -2048(x31) */
    {"lui", 0xfffff537, F_RD|F_IMM, 10, 0, 0, 0, 0, -4096}, /* lui x10, 0xfffff */
    {"lui", 0x80000537, F_RD|F_IMM, 10, 0, 0, 0, 0, -2147483648}, /* lui x10, 0x80000 */
    {"auipc", 0x7ffff097, F_RD|F_IMM, 1, 0, 0, 0, 0, 2147479552}, /* auipc x1, 0x7ffff */
    {"slli", 0x03f11093, F_RD|F_RS1|F_IMM, 1, 2, 0, 0, 0, 63}, /* slli x1, x2, 63 */
    {"srli", 0x02015093, F_RD|F_RS1|F_IMM, 1, 2, 0, 0, 0, 32}, /* srli x1, x2, 32 */
    {"srai", 0x43f25193, F_RD|F_RS1|F_IMM, 3, 4, 0, 0, 0, 63}, /* srai x3, x4, 63 */
    {"srai", 0x40025193, F_RD|F_RS1|F_IMM, 3, 4, 0, 0, 0, 0}, /* srai x3, x4, 0 */
    {"sraiw", 0x41f2519b, F_RD|F_RS1|F_IMM, 3, 4, 0, 0, 0, 31}, /* sraiw x3, x4, 31 */
    {"csrrs", 0xfff022f3, F_RD|F_RS1|F_IMM, 5, 0, 0, 0, 0, 4095}, /* csrrs x5, 0xfff, x0 */
    {"csrrw", 0x800f9073, F_RD|F_RS1|F_IMM, 0, 31, 0, 0, 0, 2048}, /* csrrw x0, 0x800, x31 */
    {"csrrwi", 0x180fdff3, F_RD|F_RS1|F_IMM, 31, 31, 0, 0, 0, 384}, /* csrrwi x31, 0x180, 31 */
    {"csrrci", 0x001870f3, F_RD|F_RS1|F_IMM, 1, 16, 0, 0, 0, 1}, /* csrrci x1, 0x001, 16 */
};
