#include "CCurlShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Values used only inside the shim (curl.h and multi.h).
#define CURLOPT_WRITEDATA 10001
#define CURLOPT_ERRORBUFFER 10010
#define CURLOPT_WRITEFUNCTION 20011
#define CURLOPT_HEADERDATA 10029
#define CURLOPT_HEADERFUNCTION 20079
#define CURLOPT_PRIVATE 10103
#define CURLOPT_FRESH_CONNECT 74
#define CURLOPT_FORBID_REUSE 75
#define CURLOPT_PREREQFUNCTION 20312
#define CURLOPT_PREREQDATA 10313
#define CURL_PREREQFUNC_OK 0
#define CURL_PREREQFUNC_ABORT 1
#define CURLINFO_RESPONSE_CODE 0x200002 /* CURLINFO_LONG + 2 */
#define CURLINFO_PRIVATE 0x100015       /* CURLINFO_STRING + 21 */
#define CURLMSG_DONE 1
#define CURL_GLOBAL_ALL 3
#define CURL_ERROR_SIZE 256
#define CURLM_BAD_HANDLE 1

// struct CURLMsg (multi.h): the layout is part of libcurl's ABI.
typedef struct {
    int msg;
    void *easy_handle;
    union {
        void *whatever;
        int result;
    } data;
} shim_curl_msg;

struct shim_slist;

typedef size_t (*shim_data_callback)(char *data, size_t size, size_t count, void *user);
typedef int (*shim_prereq_callback)(void *user, char *primary_ip, char *local_ip, int primary_port, int local_port);

// The functions the transport uses, looked up by name. setopt, getinfo and multi_setopt are variadic in
// libcurl and are only ever called from here with the argument type their option documents.
static struct {
    int (*global_init)(long flags);
    const char *(*version)(void);
    const char *(*easy_strerror)(int code);
    void *(*easy_init)(void);
    void (*easy_cleanup)(void *easy);
    int (*easy_setopt)(void *easy, int option, ...);
    int (*easy_getinfo)(void *easy, int info, ...);
    struct shim_slist *(*slist_append)(struct shim_slist *list, const char *line);
    void (*slist_free_all)(struct shim_slist *list);
    void *(*multi_init)(void);
    int (*multi_cleanup)(void *multi);
    int (*multi_setopt)(void *multi, int option, ...);
    int (*multi_add_handle)(void *multi, void *easy);
    int (*multi_remove_handle)(void *multi, void *easy);
    int (*multi_perform)(void *multi, int *running);
    int (*multi_poll)(void *multi, void *extra_fds, unsigned int extra_nfds, int timeout_ms, int *ret);
    int (*multi_wakeup)(void *multi);
    shim_curl_msg *(*multi_info_read)(void *multi, int *queued);
    const char *(*multi_strerror)(int code);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded = 0;
static char load_error[1024] = "";
static const char *library_name = "";

#if defined(__linux__)
static const char *const candidates[] = {"libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"};

// Looks up one symbol; on failure records which one is missing and returns 0.
static int bind_symbol(void *library, const char *name, void **slot, const char *needs) {
    *slot = dlsym(library, name);
    if (*slot != NULL) return 1;
    snprintf(load_error, sizeof load_error,
             "%s was loaded but has no %s (%s); install libcurl 7.68 or later (Debian/Ubuntu: apt-get install libcurl4)",
             library_name, name, needs);
    return 0;
}

#define BIND(field, name) bind_symbol(library, name, (void **)&curl.field, "needed by CurlTransport")
#define BIND_SINCE(field, name, version) bind_symbol(library, name, (void **)&curl.field, "added in libcurl " version)

static void load(void) {
    void *library = NULL;
    char tried[512] = "";
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        library = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (library != NULL) {
            library_name = candidates[i];
            break;
        }
        const char *reason = dlerror();
        size_t used = strlen(tried);
        snprintf(tried + used, sizeof tried - used, "%s%s (%s)", used ? ", " : "", candidates[i],
                 reason ? reason : "not found");
    }
    if (library == NULL) {
        snprintf(load_error, sizeof load_error,
                 "libcurl could not be loaded: tried %s; install libcurl (Debian/Ubuntu: apt-get install libcurl4) "
                 "or set TRIAGE_EVAL_TRANSPORT=urlsession",
                 tried);
        return;
    }
    int ok = BIND(global_init, "curl_global_init") && BIND(version, "curl_version") &&
             BIND(easy_strerror, "curl_easy_strerror") && BIND(easy_init, "curl_easy_init") &&
             BIND(easy_cleanup, "curl_easy_cleanup") && BIND(easy_setopt, "curl_easy_setopt") &&
             BIND(easy_getinfo, "curl_easy_getinfo") && BIND(slist_append, "curl_slist_append") &&
             BIND(slist_free_all, "curl_slist_free_all") && BIND(multi_init, "curl_multi_init") &&
             BIND(multi_cleanup, "curl_multi_cleanup") && BIND(multi_setopt, "curl_multi_setopt") &&
             BIND(multi_add_handle, "curl_multi_add_handle") &&
             BIND(multi_remove_handle, "curl_multi_remove_handle") && BIND(multi_perform, "curl_multi_perform") &&
             BIND(multi_info_read, "curl_multi_info_read") && BIND(multi_strerror, "curl_multi_strerror") &&
             BIND_SINCE(multi_poll, "curl_multi_poll", "7.66.0") &&
             BIND_SINCE(multi_wakeup, "curl_multi_wakeup", "7.68.0");
    if (!ok) {
        // The library stays mapped: it may be the copy Foundation itself uses.
        memset(&curl, 0, sizeof curl);
        return;
    }
    int code = curl.global_init(CURL_GLOBAL_ALL);
    if (code != 0) {
        snprintf(load_error, sizeof load_error, "%s: curl_global_init failed with CURLcode %d", library_name, code);
        memset(&curl, 0, sizeof curl);
        return;
    }
    loaded = 1;
}
#else
static void load(void) {
    snprintf(load_error, sizeof load_error, "CurlTransport is only available on Linux; URLSessionTransport is used here");
}
#endif

int shim_available(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *shim_load_error(void) {
    return shim_available() ? NULL : load_error;
}

const char *shim_curl_version(void) {
    return shim_available() ? curl.version() : "";
}

const char *shim_library_name(void) {
    return shim_available() ? library_name : "";
}

const char *shim_easy_strerror(int code) {
    return shim_available() ? curl.easy_strerror(code) : "libcurl is not loaded";
}

// MARK: - Buffers and callbacks

typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
} shim_buffer;

// Appends, doubling the capacity; 0 when memory runs out.
static int buffer_append(shim_buffer *buffer, const void *bytes, size_t length) {
    if (length == 0) return 1;
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 1024;
        while (capacity < buffer->length + length) capacity *= 2;
        uint8_t *grown = realloc(buffer->bytes, capacity);
        if (grown == NULL) return 0;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, bytes, length);
    buffer->length += length;
    return 1;
}

struct shim_request {
    void *easy;
    struct shim_slist *headers;
    shim_buffer body;
    shim_buffer head;
    char error[CURL_ERROR_SIZE];
    // How many times libcurl was about to put the request on the wire (CURLOPT_PREREQFUNCTION).
    int sends;
    // 1 when the second send was refused: libcurl wanted to resend on its own after a connection died.
    int resend_refused;
};

// CURLOPT_WRITEFUNCTION: returning less than given makes the transfer fail with CURLE_WRITE_ERROR.
static size_t on_body(char *data, size_t size, size_t count, void *user) {
    shim_request *request = user;
    size_t length = size * count;
    return buffer_append(&request->body, data, length) ? length : 0;
}

// CURLOPT_HEADERFUNCTION: called once per header line, status lines included. A status line starts a new
// response (after an interim 100 Continue), so the lines collected so far are dropped.
static size_t on_header(char *data, size_t size, size_t count, void *user) {
    shim_request *request = user;
    size_t length = size * count;
    if (length >= 5 && memcmp(data, "HTTP/", 5) == 0) request->head.length = 0;
    return buffer_append(&request->head, data, length) ? length : 0;
}

// CURLOPT_PREREQFUNCTION: called right before each request goes out on a connection, including the
// resend libcurl makes on its own when a reused connection dies before answering. The first send is
// allowed; a second is refused (the transfer ends with CURLE_ABORTED_BY_CALLBACK), so every request on
// the wire is one the caller counts as an attempt and retries under its own policy.
static int on_prereq(void *user, char *primary_ip, char *local_ip, int primary_port, int local_port) {
    (void)primary_ip;
    (void)local_ip;
    (void)primary_port;
    (void)local_port;
    shim_request *request = user;
    request->sends += 1;
    if (request->sends > 1) {
        request->resend_refused = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

shim_request *shim_request_new(void) {
    if (!shim_available()) return NULL;
    shim_request *request = calloc(1, sizeof *request);
    if (request == NULL) return NULL;
    request->easy = curl.easy_init();
    if (request->easy == NULL) {
        free(request);
        return NULL;
    }
    void *easy = request->easy;
    curl.easy_setopt(easy, CURLOPT_PRIVATE, (void *)request);
    curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, (shim_data_callback)on_body);
    curl.easy_setopt(easy, CURLOPT_WRITEDATA, (void *)request);
    curl.easy_setopt(easy, CURLOPT_HEADERFUNCTION, (shim_data_callback)on_header);
    curl.easy_setopt(easy, CURLOPT_HEADERDATA, (void *)request);
    curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, request->error);
    curl.easy_setopt(easy, SHIM_CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, SHIM_CURLOPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(easy, SHIM_CURLOPT_HTTP_VERSION, (long)SHIM_CURL_HTTP_VERSION_1_1);
    curl.easy_setopt(easy, SHIM_CURLOPT_TCP_NODELAY, 1L);
    // libcurl resends a request by itself when a reused connection dies before any answer; refuse that
    // resend (7.80 and later), or on older libcurl never reuse a connection, which is what such resends need.
    if (curl.easy_setopt(easy, CURLOPT_PREREQFUNCTION, (shim_prereq_callback)on_prereq) != SHIM_CURLE_OK ||
        curl.easy_setopt(easy, CURLOPT_PREREQDATA, (void *)request) != SHIM_CURLE_OK) {
        curl.easy_setopt(easy, CURLOPT_PREREQFUNCTION, (void *)NULL);
        curl.easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
        curl.easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    }
    return request;
}

void shim_request_free(shim_request *request) {
    if (request == NULL) return;
    if (request->easy != NULL) curl.easy_cleanup(request->easy);
    if (request->headers != NULL) curl.slist_free_all(request->headers);
    free(request->body.bytes);
    free(request->head.bytes);
    free(request);
}

void *shim_request_easy(shim_request *request) {
    return request->easy;
}

int shim_request_add_header(shim_request *request, const char *line) {
    struct shim_slist *list = curl.slist_append(request->headers, line);
    if (list == NULL) return SHIM_CURLE_OUT_OF_MEMORY;
    int first = request->headers == NULL;
    request->headers = list;
    return first ? curl.easy_setopt(request->easy, SHIM_CURLOPT_HTTPHEADER, (void *)list) : SHIM_CURLE_OK;
}

int shim_request_set_body(shim_request *request, const void *bytes, int64_t length) {
    // The size goes first: COPYPOSTFIELDS copies that many bytes (a NUL-terminated string otherwise).
    int code = curl.easy_setopt(request->easy, SHIM_CURLOPT_POSTFIELDSIZE_LARGE, (int64_t)length);
    if (code != SHIM_CURLE_OK) return code;
    static const char empty[1] = "";
    return curl.easy_setopt(request->easy, SHIM_CURLOPT_COPYPOSTFIELDS, length > 0 ? bytes : (const void *)empty);
}

const uint8_t *shim_request_body(shim_request *request, size_t *length) {
    *length = request->body.length;
    return request->body.bytes;
}

const uint8_t *shim_request_head(shim_request *request, size_t *length) {
    *length = request->head.length;
    return request->head.bytes;
}

const char *shim_request_error(shim_request *request) {
    return request->error;
}

int shim_request_sends(shim_request *request) {
    return request->sends;
}

int shim_request_resend_refused(shim_request *request) {
    return request->resend_refused;
}

long shim_request_status(shim_request *request) {
    long status = 0;
    if (curl.easy_getinfo(request->easy, CURLINFO_RESPONSE_CODE, &status) != SHIM_CURLE_OK) return 0;
    return status;
}

// MARK: - setopt

int shim_easy_setopt_long(void *easy, int option, long value) {
    return curl.easy_setopt(easy, option, value);
}

int shim_easy_setopt_ptr(void *easy, int option, const void *value) {
    return curl.easy_setopt(easy, option, value);
}

int shim_easy_setopt_off_t(void *easy, int option, int64_t value) {
    return curl.easy_setopt(easy, option, value);
}

// MARK: - Multi

void *shim_multi_new(long max_connects, long max_host_connections) {
    if (!shim_available()) return NULL;
    void *multi = curl.multi_init();
    if (multi == NULL) return NULL;
    curl.multi_setopt(multi, SHIM_CURLMOPT_MAXCONNECTS, max_connects);
    curl.multi_setopt(multi, SHIM_CURLMOPT_MAX_HOST_CONNECTIONS, max_host_connections);
    return multi;
}

int shim_multi_cleanup(void *multi) {
    return multi ? curl.multi_cleanup(multi) : CURLM_BAD_HANDLE;
}

int shim_multi_add(void *multi, shim_request *request) {
    return curl.multi_add_handle(multi, request->easy);
}

int shim_multi_remove(void *multi, shim_request *request) {
    return curl.multi_remove_handle(multi, request->easy);
}

int shim_multi_perform(void *multi, int *running) {
    return curl.multi_perform(multi, running);
}

int shim_multi_poll(void *multi, int timeout_ms) {
    int ready = 0;
    return curl.multi_poll(multi, NULL, 0, timeout_ms, &ready);
}

int shim_multi_wakeup(void *multi) {
    return curl.multi_wakeup(multi);
}

int shim_multi_next_done(void *multi, shim_request **request, int *result) {
    int queued = 0;
    shim_curl_msg *message;
    while ((message = curl.multi_info_read(multi, &queued)) != NULL) {
        if (message->msg != CURLMSG_DONE) continue;
        char *owner = NULL;
        curl.easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &owner);
        *request = (shim_request *)owner;
        *result = message->data.result;
        return 1;
    }
    return 0;
}

const char *shim_multi_strerror(int code) {
    return shim_available() ? curl.multi_strerror(code) : "libcurl is not loaded";
}
