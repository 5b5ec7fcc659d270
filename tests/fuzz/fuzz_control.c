/* libFuzzer harness for the control socket's requests: control_parse on the bytes of one
 * request, then, for what it accepts, the request dispatcher (monitor_request) on a monitor
 * that has a machine but no socket and no snapshots. Every request is answered with a reply
 * object (ok, or an error with a reason); nothing may crash, leak or hang.
 *
 * Only operations that stay inside the process are dispatched: info, pause, resume, destroy,
 * tree, revert and snapshot-delete (with no snapshots, both end in their error reply), and
 * names no operation can have. snapshot, fork and save write files or fork the process. */
#include "fuzz_common.h"

#include <json-c/json.h>

#include "monitor/control.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct monitor mon;

static void init(void)
{
    static bool ready;
    if (ready)
        return;
    ready = true;
    fuzz_board_init();
    snprintf(mon.name, sizeof(mon.name), "fuzz");
    snprintf(mon.rundir, sizeof(mon.rundir), "/nonexistent-arbor-fuzz");
    mon.b = &fuzz_board;
    mon.listen_fd = -1;
    mon.console_feed = -1;
    mon.started_ns = host_now_ns();
    snprintf(mon.tree.dir, sizeof(mon.tree.dir), "/nonexistent-arbor-fuzz/fuzz.snapshots");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    init();
    if (!fuzz_seeds_begin(argc, argv))
        return 0;
    static const char *const seeds[] = {
        "{\"op\":\"info\"}\n",
        "{\"op\":\"pause\"}",
        "{\"op\":\"resume\"}",
        "{\"op\":\"destroy\"}",
        "{\"op\":\"tree\"}",
        "{\"op\":\"revert\",\"snap\":\"s1\"}",
        "{\"op\":\"revert\",\"snap\":\"../x\"}",
        "{\"op\":\"revert\",\"snap\":7}",
        "{\"op\":\"snapshot-delete\",\"snap\":\"base-1.2_x\"}",
        "{\"op\":\"snapshot\",\"snap\":\"s2\"}",
        "{\"op\":\"fork\",\"snap\":\"s1\",\"count\":3}",
        "{\"op\":\"fork\",\"snap\":\"s1\",\"names\":[\"a\",\"b\"]}",
        "{\"op\":\"save\",\"file\":\"relative\"}",
        "{\"op\":\"console\"}",
        "{\"op\":\"n\\u00e9\"}",
        "  {\"op\" : \"info\" , \"extra\": {\"a\": [1, 2.5, -3e9, true, null]}}\r\n",
        "{\"op\":\"info\"} {\"op\":\"info\"}",
        "[\"op\",\"info\"]",
        "{\"op\":null}",
        "{\"nop\":\"info\"}",
        "{\"op\":\"info\"",
        "\"info\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    };
    for (size_t i = 0; i < ARRAY_SIZE(seeds); i++)
        fuzz_seed(seeds[i], strlen(seeds[i]));
    return 0;
}

static bool dispatched(const char *op)
{
    static const char *const safe[] = {"info", "pause", "resume", "destroy", "tree", "revert",
                                       "snapshot-delete"};
    for (size_t i = 0; i < ARRAY_SIZE(safe); i++)
        if (!strcmp(op, safe[i]))
            return true;
    /* a name no operation has: the unknown-operation reply */
    for (const char *c = op; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '-'))
            return true;
    return !op[0];
}

/* The reply every request gets: an object with a boolean "ok", and a string "error" when not
 * ok; written out as one line. */
static void check_reply(struct json_object *reply)
{
    struct json_object *ok, *error;
    if (!reply || !json_object_is_type(reply, json_type_object) ||
        !json_object_object_get_ex(reply, "ok", &ok) || !json_object_is_type(ok, json_type_boolean))
        fuzz_fail("a reply is not an object with a boolean \"ok\"", NULL);
    if (!json_object_get_boolean(ok) &&
        (!json_object_object_get_ex(reply, "error", &error) ||
         !json_object_is_type(error, json_type_string) || !json_object_get_string_len(error)))
        fuzz_fail("an error reply has no reason", NULL);
    const char *text = json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN);
    if (!text || strchr(text, '\n'))
        fuzz_fail("a reply is not one line", text);
    json_object_put(reply);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    fuzz_stat[STAT_INPUTS]++;
    char err[128];
    err[0] = 0;
    struct json_object *req = control_parse((const char *)data, size, err, sizeof(err));
    if (!req) {
        if (!err[0])
            fuzz_fail("a request was refused without a reason", NULL);
        check_reply(reply_error("%s", err)); /* what control_serve answers */
        return 0;
    }
    struct json_object *op = NULL;
    if (!json_object_is_type(req, json_type_object) || !json_object_object_get_ex(req, "op", &op) ||
        !json_object_is_type(op, json_type_string))
        fuzz_fail("control_parse accepted a request without a string \"op\"", NULL);
    if (dispatched(json_object_get_string(op))) {
        bool deferred = false;
        fuzz_stat[STAT_DISPATCHED]++;
        struct json_object *reply = monitor_request(&mon, req, -1, &deferred);
        if (deferred)
            fuzz_fail("a request was deferred with no writer or clone", NULL);
        check_reply(reply);
    }
    json_object_put(req);
    /* back to a running machine for the next request */
    mon.paused = fuzz_board.paused = false;
    board_resume_clock(&fuzz_board);
    fuzz_board.exit_kind = EXIT_NONE;
    fuzz_board.exit_code = 0;
    return 0;
}
