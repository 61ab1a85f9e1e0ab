#ifndef CCURLSHIM_H
#define CCURLSHIM_H

// A thin, non-variadic view of libcurl for Swift, loaded at run time with dlopen, so that building needs no
// libcurl headers and no -dev package. Only the ABI-stable parts of libcurl's public API are used: option,
// info and error numbers are part of curl's binary compatibility promise and are declared below with the
// values of curl's include/curl/curl.h and include/curl/multi.h.
//
// Threading: one multi handle and the easy handles added to it are used by one thread at a time (the
// transport's own thread); shim_multi_wakeup may be called from any thread. An easy handle that is not in
// a multi handle may be set up and read by whichever thread owns it.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Constants (values from curl's public headers; curl never renumbers them)

// CURLcode (curl.h)
#define SHIM_CURLE_OK 0
#define SHIM_CURLE_UNSUPPORTED_PROTOCOL 1
#define SHIM_CURLE_URL_MALFORMAT 3
#define SHIM_CURLE_COULDNT_RESOLVE_PROXY 5
#define SHIM_CURLE_COULDNT_RESOLVE_HOST 6
#define SHIM_CURLE_COULDNT_CONNECT 7
#define SHIM_CURLE_PARTIAL_FILE 18
#define SHIM_CURLE_WRITE_ERROR 23
#define SHIM_CURLE_OUT_OF_MEMORY 27
#define SHIM_CURLE_OPERATION_TIMEDOUT 28
#define SHIM_CURLE_ABORTED_BY_CALLBACK 42
#define SHIM_CURLE_GOT_NOTHING 52
#define SHIM_CURLE_SEND_ERROR 55
#define SHIM_CURLE_RECV_ERROR 56

// CURLoption (curl.h): type base (LONG 0, OBJECTPOINT 10000, FUNCTIONPOINT 20000, OFF_T 30000) + number
#define SHIM_CURLOPT_URL 10002
#define SHIM_CURLOPT_HTTPHEADER 10023
#define SHIM_CURLOPT_CUSTOMREQUEST 10036
#define SHIM_CURLOPT_NOBODY 44
#define SHIM_CURLOPT_POST 47
#define SHIM_CURLOPT_FOLLOWLOCATION 52
#define SHIM_CURLOPT_HTTP_VERSION 84
#define SHIM_CURLOPT_NOSIGNAL 99
#define SHIM_CURLOPT_POSTFIELDSIZE_LARGE 30120
#define SHIM_CURLOPT_TCP_NODELAY 121
#define SHIM_CURLOPT_TIMEOUT_MS 155
#define SHIM_CURLOPT_MAXAGE_CONN 288
#define SHIM_CURLOPT_COPYPOSTFIELDS 10165

// CURLOPT_HTTP_VERSION values (curl.h)
#define SHIM_CURL_HTTP_VERSION_1_1 2

// CURLMoption (multi.h)
#define SHIM_CURLMOPT_MAXCONNECTS 6
#define SHIM_CURLMOPT_MAX_HOST_CONNECTIONS 7

// MARK: - Loading

/// 1 when libcurl was loaded and has every function the transport needs (loads it on first call), else 0.
int shim_available(void);

/// Why libcurl could not be used, as a sentence for a person; NULL when it loaded.
const char *shim_load_error(void);

/// libcurl's version string ("libcurl/7.88.1 OpenSSL/3.0.11 ..."), or "" when it is not loaded.
const char *shim_curl_version(void);

/// The path or soname that was loaded ("libcurl.so.4"), or "" when none was.
const char *shim_library_name(void);

/// The human-readable text of a CURLcode.
const char *shim_easy_strerror(int code);

// MARK: - One request

/// One HTTP exchange: an easy handle with its header list, a growable body buffer and the raw header
/// lines of the final response (interim 1xx responses are dropped), plus curl's error text.
typedef struct shim_request shim_request;

/// A new request whose response body and headers are collected in memory, signals disabled (NOSIGNAL),
/// redirects not followed and HTTP/1.1 asked for. NULL when libcurl is not loaded or out of memory.
shim_request *shim_request_new(void);

/// Frees the easy handle, the header list and the buffers. The request must not be in a multi handle.
void shim_request_free(shim_request *request);

/// The request's easy handle, for the setopt wrappers.
void *shim_request_easy(shim_request *request);

/// Appends one "Name: value" line to the request headers; returns a CURLcode.
int shim_request_add_header(shim_request *request, const char *line);

/// Sets the body to a copy of `length` bytes (CURLOPT_POSTFIELDSIZE_LARGE then CURLOPT_COPYPOSTFIELDS);
/// makes the request a POST unless CURLOPT_CUSTOMREQUEST says otherwise. Returns a CURLcode.
int shim_request_set_body(shim_request *request, const void *bytes, int64_t length);

/// The response body received so far, and its length.
const uint8_t *shim_request_body(shim_request *request, size_t *length);

/// The raw header block of the final response (status line and "Name: value\r\n" lines), and its length.
const uint8_t *shim_request_head(shim_request *request, size_t *length);

/// curl's detailed error text for the last failure (CURLOPT_ERRORBUFFER), "" when there is none.
const char *shim_request_error(shim_request *request);

/// How many times libcurl was about to send the request (CURLOPT_PREREQFUNCTION); 0 with libcurl
/// older than 7.80, which does not report it (connections are then never reused, so there is at most one).
int shim_request_sends(shim_request *request);

/// 1 when libcurl tried to resend the request by itself after its reused connection died and the shim
/// refused (the transfer then ends with CURLE_ABORTED_BY_CALLBACK), else 0.
int shim_request_resend_refused(shim_request *request);

/// The HTTP status of the last response (CURLINFO_RESPONSE_CODE), 0 when none arrived.
long shim_request_status(shim_request *request);

// MARK: - setopt without varargs

int shim_easy_setopt_long(void *easy, int option, long value);
int shim_easy_setopt_ptr(void *easy, int option, const void *value);
int shim_easy_setopt_off_t(void *easy, int option, int64_t value);

// MARK: - Multi handle

/// A new multi handle keeping at most `max_connects` idle connections and opening at most
/// `max_host_connections` to one host (0: no limit). NULL when libcurl is not loaded.
void *shim_multi_new(long max_connects, long max_host_connections);

/// Frees the multi handle and closes its cached connections; remove every request first. Returns a CURLMcode.
int shim_multi_cleanup(void *multi);

int shim_multi_add(void *multi, shim_request *request);
int shim_multi_remove(void *multi, shim_request *request);

/// Runs every transfer as far as it can go without blocking; `running` is set to how many are unfinished.
int shim_multi_perform(void *multi, int *running);

/// Sleeps until a transfer's socket is ready, a libcurl timer is due, shim_multi_wakeup is called or
/// `timeout_ms` passes, whichever is first (curl_multi_poll). Returns a CURLMcode.
int shim_multi_poll(void *multi, int timeout_ms);

/// Wakes a thread sleeping in shim_multi_poll; safe from any thread. Returns a CURLMcode.
int shim_multi_wakeup(void *multi);

/// The next finished request and its CURLcode; 0 when no transfer has finished since the last call.
int shim_multi_next_done(void *multi, shim_request **request, int *result);

/// The text of a CURLMcode.
const char *shim_multi_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif
