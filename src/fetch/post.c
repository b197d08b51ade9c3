/* fetch/post.c: one HTTP request with a JSON body (touchline replay's
 * client of the live API), with libcurl. */
#include "touchline/fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

static size_t collect(char *p, size_t size, size_t n, void *ctx)
{
    struct tl_buf *b = ctx;
    size_t len = size * n;
    if (b->len + len > (1u << 20)) return 0; /* an answer of the live API is small */
    if (tl_buf_add(b, p, len)) return 0;
    return len;
}

tl_rc tl_http_post(const char *url, const char *token, const char *key, const char *body,
                   long *status, char **response, struct tl_error *err)
{
    *status = 0;
    *response = NULL;
    CURL *curl = curl_easy_init();
    if (!curl) return tl_err(err, TL_ENET, "cannot start libcurl");
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    char line[512];
    if (token) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", token);
        h = curl_slist_append(h, line);
    }
    if (key) {
        snprintf(line, sizeof line, "Idempotency-Key: %s", key);
        h = curl_slist_append(h, line);
    }
    struct tl_buf b;
    tl_buf_init(&b, 0);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode c = curl_easy_perform(curl);
    tl_rc rc = TL_OK;
    if (c != CURLE_OK) rc = tl_err(err, TL_ENET, "%s: %s", url, curl_easy_strerror(c));
    else curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
    if (!rc && tl_buf_add(&b, "", 1)) rc = tl_err(err, TL_ENOMEM, "out of memory");
    if (!rc) {
        *response = b.data;
        b.data = NULL;
    }
    tl_buf_free(&b);
    curl_slist_free_all(h);
    curl_easy_cleanup(curl);
    return rc;
}
