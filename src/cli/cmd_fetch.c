/* cli/cmd_fetch.c: `touchline fetch [--to DIR] [--mirror URL] [--only SET]`. */
#include "cli.h"

#include "touchline/fetch.h"

int cmd_fetch(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'fetch' takes options only, found \"%s\"", c->pos[0]);
    struct tl_fetch_opts o = {
        .to = cli_opt(c, "to") ? cli_opt(c, "to") : "data",
        .mirror = cli_opt(c, "mirror"),
        .only = cli_opt(c, "only"),
        .retries = 3,
        .progress = 1,
        .log = cli_err,
    };
    if (cli_opt(c, "retries")) {
        long n = cli_num_arg(c, "retries", cli_opt(c, "retries"));
        if (n < 1) return n < 0 ? EXIT_USAGE : cli_usage(c, "--retries must be at least 1");
        o.retries = (int)n;
    }
    struct tl_fetch_stats st;
    struct tl_error err;
    tl_err_clear(&err);
    tl_rc rc = tl_fetch(&o, &st, &err);
    if (rc) {
        int code = cli_fail(c, &err);
        fprintf(cli_err, "%s: %zu of the files verified before the error; run fetch again to resume\n",
                c->prog, st.downloaded + st.up_to_date);
        return code;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "to");
        tl_json_str(&j, o.to);
        tl_json_key(&j, "files");
        tl_json_int(&j, (long)st.files);
        tl_json_key(&j, "downloaded");
        tl_json_int(&j, (long)st.downloaded);
        tl_json_key(&j, "resumed");
        tl_json_int(&j, (long)st.resumed);
        tl_json_key(&j, "up_to_date");
        tl_json_int(&j, (long)st.up_to_date);
        tl_json_key(&j, "bytes");
        tl_json_int(&j, (long)st.bytes);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else
        fprintf(cli_out, "%zu files in %s verified: %zu downloaded (%llu bytes, %zu resumed), %zu already "
               "up to date\n",
               st.files, o.to, st.downloaded, (unsigned long long)st.bytes, st.resumed,
               st.up_to_date);
    return EXIT_OK;
}
