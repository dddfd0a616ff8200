<?php
/*
 * Plugin Name: MAP Search test probe
 * Description: For WordPressSyncTest (a must-use plugin the test copies into the state dir).
 * Every REST request is logged, one JSON line each, to WP_CONTENT_DIR/rest-requests.log (method,
 * URI, User-Agent, whether it was authenticated), so the test sees exactly what MAP Search asked.
 * While WP_CONTENT_DIR/rest-fault exists, anonymous REST requests whose URI contains its MATCH
 * are answered with a fault instead: the file holds "STATUS RETRY_AFTER MATCH" ("-" for none),
 * where STATUS is an HTTP status, or "malformed" for a 200 whose body is cut-off JSON. The test's
 * own requests (authenticated with the application password) are never faulted.
 */

$uri = $_SERVER['REQUEST_URI'] ?? '';
if (str_contains($uri, '/wp-json/') || str_contains($uri, 'rest_route=')) {
    $authenticated = isset($_SERVER['PHP_AUTH_USER']) || isset($_SERVER['HTTP_AUTHORIZATION']);
    @file_put_contents(
        WP_CONTENT_DIR . '/rest-requests.log',
        json_encode([
            'method' => $_SERVER['REQUEST_METHOD'] ?? '',
            'uri' => $uri,
            'userAgent' => $_SERVER['HTTP_USER_AGENT'] ?? '',
            'authenticated' => $authenticated,
        ], JSON_UNESCAPED_SLASHES) . "\n",
        FILE_APPEND | LOCK_EX
    );
    $fault = @file_get_contents(WP_CONTENT_DIR . '/rest-fault');
    if (!$authenticated && $fault !== false && trim($fault) !== '') {
        [$status, $retryAfter, $match] = array_pad(preg_split('/\s+/', trim($fault), 3), 3, '-');
        if ($match === '-' || str_contains($uri, $match)) {
            header('Content-Type: application/json; charset=UTF-8');
            if ($retryAfter !== '-') {
                header('Retry-After: ' . $retryAfter);
            }
            if ($status === 'malformed') {
                http_response_code(200);
                echo '[{"id":1,"modified_gmt":"2026-01-01T00:00:00","li';
            } else {
                http_response_code((int) $status);
                echo json_encode(['code' => 'test_fault', 'message' => "fault $status injected by the test"]);
            }
            exit;
        }
    }
}

// While WP_CONTENT_DIR/rest-etags exists, REST answers carry an ETag, and a request that already
// holds it gets a 304 without a body: what a caching layer in front of WordPress does (WordPress
// itself sends no validators). The same hook caching plugins use, after _fields has been applied.
if (file_exists(WP_CONTENT_DIR . '/rest-etags')) {
    add_filter('rest_pre_serve_request', function ($served, $result, $request, $server) {
        if ($served || $result->get_status() !== 200) {
            return $served;
        }
        $etag = '"' . md5(wp_json_encode($result->get_data())) . '"';
        header('ETag: ' . $etag);
        // WordPress adds slashes to $_SERVER: the quotes of an ETag come back escaped.
        if (wp_unslash($_SERVER['HTTP_IF_NONE_MATCH'] ?? '') === $etag) {
            status_header(304);
            return true;
        }
        return $served;
    }, 10, 4);
}
