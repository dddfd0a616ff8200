#!/usr/bin/env bash
# wp-loopback.sh: bring a real, throwaway WordPress up and down on 127.0.0.1 for tests.
#
#   wp-loopback.sh up   STATE_DIR PORT   start MariaDB + WordPress, print one line of JSON:
#                                        {"baseUrl":"http://127.0.0.1:PORT","user":"admin",
#                                         "appPassword":"...","pids":[MARIADB_PID,PHP_PID]}
#   wp-loopback.sh down STATE_DIR        stop what `up` started there (idempotent)
#
# It uses Debian's packaged WordPress (/usr/share/wordpress), a private MariaDB (own datadir,
# unix socket only, no TCP) and PHP's built-in web server; no apache2, no mariadb service, no
# systemd, no network beyond loopback. Everything a run creates lives in STATE_DIR, except one
# fixed forwarding stub in /etc/wordpress (see write_debian_stub for why it cannot live elsewhere).
# See README.md next to this script for requirements, timings and quirks.
#
# Environment: WP_LOOPBACK_VERBOSE=1 also copies progress lines to stderr (they always go to
# STATE_DIR/wp-loopback.log).
set -euo pipefail

WP_ROOT=/usr/share/wordpress          # Debian's WordPress; read-only for us
DEBIAN_STUB_NAME=wp-loopback          # -> /etc/wordpress/config-wp-loopback.php
DEBIAN_STUB=/etc/wordpress/config-$DEBIAN_STUB_NAME.php
ADMIN_USER='admin'
PHP_WORKERS=4                         # WordPress calls itself during install: needs >1 worker
READY_TIMEOUT=30                      # seconds to wait for each server to answer

die() { echo "wp-loopback: $*" >&2; exit 1; }
usage() {
  echo "usage: $0 up STATE_DIR PORT | $0 down STATE_DIR" >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

log() {
  local line
  line="$(date +%H:%M:%S.%N | cut -c1-12) $*"
  if [[ -n ${STATE:-} && -d ${STATE:-/nonexistent} ]]; then
    echo "$line" >>"$STATE/wp-loopback.log"
  fi
  if [[ ${WP_LOOPBACK_VERBOSE:-0} == 1 ]]; then echo "wp-loopback: $line" >&2; fi
}

# Absolute path of $1 (created if missing). Restricted to a safe character set because the path is
# written into PHP source, JSON and command lines unquoted-by-design; a bad character fails early.
abs_state_dir() {
  mkdir -p "$1" || die "cannot create state dir $1"
  local dir
  dir="$(cd "$1" && pwd -P)"
  [[ $dir =~ ^[A-Za-z0-9._/+-]+$ ]] || die "state dir '$dir' may only contain A-Z a-z 0-9 . _ / + -"
  echo "$dir"
}

# True when /proc/PID exists, is not a zombie and its command line contains $2. The command-line
# check protects against killing an unrelated process that reused a pid from an old pid file.
is_ours() {
  local pid=$1 want=$2 state
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ $state != Z ]] || return 1
  # Arguments joined by spaces, with a trailing space, so " ARG " matches one whole argument.
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ " $cmd" == *"$want"* ]]
}

# Live (non-zombie) members of process group $1.
group_alive() {
  local p
  for p in $(pgrep -g "$1" 2>/dev/null || true); do
    [[ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" == Z ]] || return 0
  done
  return 1
}

# Stop the process group led by the pid in pidfile $1 if that pid still runs a command containing
# $2. Both servers are started with setsid, so pid == process-group id: killing the group also
# reaches PHP's worker processes, which survive a kill of the parent alone.
stop_pidfile() {
  local pidfile=$1 want=$2 grace=$3 pid i
  [[ -f $pidfile ]] || return 0
  pid="$(tr -dc 0-9 <"$pidfile")"
  if [[ -n $pid ]] && is_ours "$pid" "$want"; then
    log "stopping pid $pid ($(basename "$pidfile"))"
    kill -TERM "$pid" 2>/dev/null || true          # leader first: mariadbd shuts down cleanly
    kill -TERM -- "-$pid" 2>/dev/null || true      # then the rest of its group (PHP workers)
    for ((i = 0; i < grace * 10; i++)); do
      group_alive "$pid" || is_ours "$pid" "$want" || break
      sleep 0.1
    done
    if group_alive "$pid" || is_ours "$pid" "$want"; then
      log "pid $pid ignored SIGTERM for ${grace}s; sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
  fi
  rm -f "$pidfile"
}

# Pids listening on 127.0.0.1:$1 (any address, really), from `ss -p`.
listener_pids() {
  ss -Htlnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
}

port_in_use() {
  # Prefer ss (shows owners); fall back to a connect attempt when iproute2 is missing.
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]
  else
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" && return 0
    return 1
  fi
}

wait_port_free() {
  local i
  for ((i = 0; i < 50; i++)); do port_in_use "$1" || return 0; sleep 0.1; done
  return 1
}

# ---------------------------------------------------------------------------------------------
# down
# ---------------------------------------------------------------------------------------------

do_down() {
  local state=$1
  [[ -d $state ]] || return 0
  # PHP first so nothing talks to the database while it shuts down.
  stop_pidfile "$state/php.pid" " $state/wp-loopback-router.php " 5
  stop_pidfile "$state/mariadb.pid" " --datadir=$state/mysql " 30
  if [[ -f $state/port ]]; then
    local port
    port="$(tr -dc 0-9 <"$state/port")"
    if [[ -n $port ]] && ! wait_port_free "$port"; then
      echo "wp-loopback: warning: port $port is still in use after down" >&2
    fi
  fi
}

# ---------------------------------------------------------------------------------------------
# up
# ---------------------------------------------------------------------------------------------

# A stale server on the port: if it is one of ours (its command line names our router script),
# stop it through its own state dir and, failing that, by process group. Anything else: fail.
free_port() {
  local port=$1 pid cmd old_state
  port_in_use "$port" || return 0
  command -v ss >/dev/null || die "port $port is in use (install iproute2 so that stale servers can be identified)"
  # PHP's workers all listen on the port too; stopping one server clears several pids, so re-read
  # the listeners after each stop and skip pids that have gone meanwhile.
  local _round
  for _round in 1 2 3; do
    pid="$(listener_pids "$port" | head -n 1 || true)"
    [[ -n $pid ]] || break
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    if [[ -z $cmd ]]; then
      sleep 0.2   # exiting right now
    elif [[ $cmd =~ (/[A-Za-z0-9._/+-]+)/wp-loopback-router\.php ]]; then
      old_state="${BASH_REMATCH[1]}"
      log "port $port held by a stale wp-loopback server (pid $pid, state $old_state); stopping it"
      echo "wp-loopback: stopping stale wp-loopback server on port $port (pid $pid, state dir $old_state)" >&2
      do_down "$old_state" || true
      # The pid files may be gone (state dir deleted): then kill the listener's process group
      # directly, and that run's mariadbd, recognised by its exact --datadir.
      if [[ -d /proc/$pid ]]; then
        local pgid p
        pgid="$(ps -o pgid= -p "$pid" | tr -dc 0-9 || true)"
        kill -TERM -- "-${pgid:-$pid}" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for p in /proc/[0-9]*; do
          p=${p#/proc/}
          if is_ours "$p" " --datadir=$old_state/mysql "; then kill -TERM "$p" 2>/dev/null || true; fi
        done
      fi
      wait_port_free "$port" || true
    else
      die "port $port is in use by pid $pid ($cmd), which is not a wp-loopback server; choose another port"
    fi
  done
  wait_port_free "$port" || die "port $port is still in use after stopping the stale server: $(ss -Htlnp "sport = :$port")"
}

check_requirements() {
  local c
  for c in mariadbd mariadb-install-db mariadb mariadb-admin php curl setsid pgrep openssl; do
    command -v "$c" >/dev/null || die "missing command '$c' (see README.md for the apt-get line)"
  done
  [[ -f $WP_ROOT/wp-settings.php ]] || die "Debian's wordpress package is not installed ($WP_ROOT)"
  # (php -m into a variable first: `php -m | grep -q` can fail under pipefail by SIGPIPE)
  local modules
  modules="$(php -m 2>/dev/null)" || die "php -m failed"
  grep -qx mysqli <<<"$modules" || die "PHP has no mysqli extension (install php-mysql)"
  [[ -d /etc/wordpress ]] || die "/etc/wordpress is missing (is Debian's wordpress package installed?)"
}

# Debian's /usr/share/wordpress/wp-config.php only ever loads /etc/wordpress/config-<name>.php,
# where <name> is the request's host (for 127.0.0.1:PORT: config-127.0.0.1.php, shared by every
# port) or, when set, $_SERVER['WORDPRESS_CONFIG']. So one file MUST live in /etc/wordpress. We
# install a single fixed stub, config-wp-loopback.php, that our router selects via
# WORDPRESS_CONFIG and that forwards to the per-run config named by the WP_LOOPBACK_CONFIG
# environment variable of the PHP process. The stub holds no secrets and no per-run state, so it
# can stay between runs and serves any number of instances on different ports at once; it is
# never picked for other hosts (no host is called "wp-loopback").
write_debian_stub() {
  local want=$STATE/debian-config-stub.php tmp
  cat >"$want" <<'PHP'
<?php
/*
 * Installed by MAP Search's src/test/wordpress/wp-loopback.sh (test harness). Selected only when
 * $_SERVER['WORDPRESS_CONFIG'] is 'wp-loopback' (set by the harness's router script). Forwards
 * to the per-run config in the harness's state dir, named by the WP_LOOPBACK_CONFIG environment
 * variable. Safe to delete when no wp-loopback instance is running.
 */
$wp_loopback_config = (string) getenv('WP_LOOPBACK_CONFIG');
if ($wp_loopback_config === '' || !is_file($wp_loopback_config)) {
    header('HTTP/1.0 500 Internal Server Error');
    echo 'wp-loopback: WP_LOOPBACK_CONFIG does not name a config file';
    exit(1);
}
require $wp_loopback_config;
PHP
  # Already there (the usual case after the first run): nothing to write, root not needed.
  cmp -s "$want" "$DEBIAN_STUB" && return 0
  [[ -w /etc/wordpress ]] ||
    die "$DEBIAN_STUB is missing or outdated and /etc/wordpress is not writable; run once as root, or: sudo install -m 644 $want $DEBIAN_STUB"
  # Write next to the target and rename, so a concurrent run never sees a half-written file.
  tmp="$(mktemp /etc/wordpress/.wp-loopback.XXXXXX)"
  cat "$want" >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$DEBIAN_STUB"
  log "installed $DEBIAN_STUB"
}

start_mariadb() {
  local sock=$STATE/mysqld.sock i
  # Unix socket paths are limited to 107 bytes by the kernel.
  ((${#sock} < 100)) || die "state dir path too long for a unix socket ($sock); use a shorter one"
  mkdir -p "$STATE/mysql-tmp"
  # The database is throwaway, so no fsync (innodb-flush-method=nosync, flush-log-at-trx-commit=0):
  # up to halves install time; a 16 MB redo log instead of 96 MB keeps the state dir near 50 MB.
  # --no-defaults keeps /etc/mysql out of it. As root, mariadbd refuses to start without
  # --user=root. --auth-root-authentication-method=socket: the database's root account is the OS
  # user running this script, logging in over the socket without a password.
  local -a as_user=()
  if ((EUID == 0)); then as_user=(--user=root); fi
  DB_ROOT="$(id -un)"
  local -a server_opts=(--innodb-buffer-pool-size=64M --innodb-flush-method=nosync
    --innodb-flush-log-at-trx-commit=0 --innodb-log-file-size=16M --skip-log-bin --character-set-server=utf8mb4
    --collation-server=utf8mb4_unicode_ci)
  log "mariadb-install-db"
  mariadb-install-db --no-defaults --datadir="$STATE/mysql" "${as_user[@]}" \
    --auth-root-authentication-method=socket --auth-root-socket-user="$DB_ROOT" --skip-test-db --skip-name-resolve \
    "${server_opts[@]}" >"$STATE/mariadb-install.log" 2>&1 ||
    fail "mariadb-install-db failed" "$STATE/mariadb-install.log"

  log "starting mariadbd"
  # setsid: own process group (pid == pgid), detached from our terminal/job; all stdio to files
  # so a caller reading our stdout/stderr to EOF is not held open by the server.
  setsid mariadbd --no-defaults --datadir="$STATE/mysql" --socket="$sock" \
    --pid-file="$STATE/mysql/mariadbd.pid" --log-error="$STATE/mariadb.log" \
    --tmpdir="$STATE/mysql-tmp" --skip-networking "${as_user[@]}" "${server_opts[@]}" \
    </dev/null >>"$STATE/mariadb.log" 2>&1 &
  echo $! >"$STATE/mariadb.pid"
  for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
    mariadb-admin --no-defaults --socket="$sock" -u"$DB_ROOT" ping >/dev/null 2>&1 && break
    is_ours "$(<"$STATE/mariadb.pid")" " --datadir=$STATE/mysql " || fail "mariadbd exited during startup" "$STATE/mariadb.log"
    sleep 0.1
  done
  mariadb-admin --no-defaults --socket="$sock" -u"$DB_ROOT" ping >/dev/null 2>&1 ||
    fail "mariadbd did not answer within ${READY_TIMEOUT}s" "$STATE/mariadb.log"

  log "creating database and user"
  mariadb --no-defaults --socket="$sock" -u"$DB_ROOT" >>"$STATE/mariadb.log" 2>&1 <<SQL ||
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL
    fail "creating the database failed" "$STATE/mariadb.log"
}

write_wordpress_files() {
  local content=$STATE/wp-content salts
  mkdir -p "$content/mu-plugins" "$content/plugins" "$content/uploads" "$content/upgrade"
  # Themes are read from the package (only the rendered home page needs one; REST and the Link
  # header work without); the symlink keeps wp-content itself in the state dir, so uploads and
  # mu-plugins stay per-run.
  ln -sfn "$WP_ROOT/wp-content/themes" "$content/themes"

  # Secret keys: fresh per run (they only sign cookies and nonces).
  salts=""
  local k
  for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    salts+="define('$k', '$(openssl rand -hex 32)');"$'\n'
  done

  # The per-run config, loaded through the stub in /etc/wordpress. Debian's wp-config.php fills
  # in ABSPATH etc. afterwards for anything not defined here.
  cat >"$STATE/wp-config.php" <<PHP
<?php
// Written by wp-loopback.sh for one throwaway test instance. Loaded via $DEBIAN_STUB.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$STATE/mysqld.sock');   // host:/socket = unix socket, no TCP
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
$salts
// Fixed URLs: WordPress never has to guess them from the request.
define('WP_HOME', '$BASE_URL');
define('WP_SITEURL', '$BASE_URL');
// Content (mu-plugins, uploads) in the state dir instead of Debian's shared /var/lib/wordpress.
define('WP_CONTENT_DIR', '$content');
define('WP_CONTENT_URL', '$BASE_URL/wp-content');
// 'local' makes WordPress offer application passwords (REST Basic auth) over plain HTTP.
define('WP_ENVIRONMENT_TYPE', 'local');
// No internet here: refuse every outbound request except to this site itself (WordPress calls
// itself during install) and localhost, so nothing waits on DNS or TCP timeouts.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', 'localhost,127.0.0.1');
// No WP-Cron self-requests, no update checks, no installs from wordpress.org.
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
// Mail goes to a file (see the mu-plugin), never to a mail server.
define('WP_LOOPBACK_MAIL_LOG', '$STATE/mail.log');
// Errors go to STATE_DIR/php-errors.log (php -d error_log), never into REST responses.
define('WP_DEBUG', false);
PHP

  # Must-use plugin: loaded on every request (also during install), cannot be deactivated.
  cat >"$content/mu-plugins/wp-loopback.php" <<'PHP'
<?php
/*
 * Plugin Name: wp-loopback test fixtures
 * Description: MAP Search test harness: the "driver" post type, mail to a file, no update checks.
 */

// Custom post type like the MAP Toolkit's drivers: /wp-json/wp/v2/drivers, with categories and
// tags shared with posts.
add_action('init', function () {
    register_post_type('driver', [
        'labels'       => ['name' => 'Drivers', 'singular_name' => 'Driver'],
        'public'       => true,
        'has_archive'  => true,
        'rewrite'      => ['slug' => 'drivers'],
        'show_in_rest' => true,
        'rest_base'    => 'drivers',
        'supports'     => ['title', 'editor', 'excerpt', 'revisions'],
        'taxonomies'   => ['category', 'post_tag'],
    ]);
    register_taxonomy_for_object_type('category', 'driver');
    register_taxonomy_for_object_type('post_tag', 'driver');
});

// Mail: append to a file and report success, instead of calling sendmail.
add_filter('pre_wp_mail', function ($short_circuit, $atts) {
    $to = is_array($atts['to']) ? implode(', ', $atts['to']) : (string) $atts['to'];
    @file_put_contents(WP_LOOPBACK_MAIL_LOG,
        gmdate('c') . " To: $to\nSubject: {$atts['subject']}\n\n{$atts['message']}\n----\n", FILE_APPEND);
    return true;
}, 10, 2);

// Belt and braces for offline use: never schedule or run update checks.
remove_action('init', 'wp_schedule_update_checks');
remove_action('admin_init', '_maybe_update_core');
remove_action('admin_init', '_maybe_update_plugins');
remove_action('admin_init', '_maybe_update_themes');
remove_action('wp_version_check', 'wp_version_check');
add_filter('pre_site_transient_update_core', '__return_null');
add_filter('pre_site_transient_update_plugins', '__return_null');
add_filter('pre_site_transient_update_themes', '__return_null');
PHP

  # Router for PHP's built-in server. That server has no rewrite rules: without a router,
  # /wp-json/... and pretty permalinks would be 404s. Real files under /usr/share/wordpress
  # (wp-admin/*.php, CSS, JS) are handled by the server itself; everything else goes to WordPress's
  # front controller, index.php, just like Apache's mod_rewrite rules for WordPress would do.
  cat >"$STATE/wp-loopback-router.php" <<PHP
<?php
// Debian's wp-config.php picks /etc/wordpress/config-\$WORDPRESS_CONFIG.php (our forwarding stub).
\$_SERVER['WORDPRESS_CONFIG'] = '$DEBIAN_STUB_NAME';

\$root = \$_SERVER['DOCUMENT_ROOT'];
\$path = rawurldecode((string) parse_url(\$_SERVER['REQUEST_URI'], PHP_URL_PATH));

// Uploads live in the state dir, outside the document root: serve them from there.
if (str_starts_with(\$path, '/wp-content/uploads/') && !str_contains(\$path, '..')) {
    \$file = '$content' . substr(\$path, strlen('/wp-content'));
    if (is_file(\$file) && !preg_match('/\\.ph(p|ar|tml)/i', \$file)) {
        header('Content-Type: ' . (mime_content_type(\$file) ?: 'application/octet-stream'));
        header('Content-Length: ' . filesize(\$file));
        if (\$_SERVER['REQUEST_METHOD'] !== 'HEAD') readfile(\$file);
        return true;
    }
}

// An existing file, or a directory with an index.php (/wp-admin/): let the server handle it.
if (\$path !== '/' && !str_contains(\$path, '..')
    && (is_file(\$root . \$path) || is_file(rtrim(\$root . \$path, '/') . '/index.php'))) {
    return false;
}

// Everything else is a WordPress URL.
\$_SERVER['SCRIPT_NAME'] = '/index.php';
\$_SERVER['PHP_SELF'] = '/index.php';
\$_SERVER['SCRIPT_FILENAME'] = \$root . '/index.php';
chdir(\$root);
require \$root . '/index.php';
PHP

  # Post-install setup, run with the PHP CLI inside WordPress (wp-load.php): pretty permalinks and
  # an application password for the admin (printed on stdout).
  cat >"$STATE/wp-loopback-setup.php" <<PHP
<?php
// Make Debian's loader and WordPress believe this is a request to our site.
\$_SERVER['WORDPRESS_CONFIG'] = '$DEBIAN_STUB_NAME';
\$_SERVER['HTTP_HOST'] = '127.0.0.1:$PORT';
\$_SERVER['SERVER_NAME'] = '127.0.0.1';
\$_SERVER['SERVER_PORT'] = '$PORT';
\$_SERVER['REQUEST_URI'] = '/';
\$_SERVER['REQUEST_METHOD'] = 'GET';
require '$WP_ROOT/wp-load.php';

if (!is_blog_installed()) { fwrite(STDERR, "WordPress is not installed\n"); exit(1); }

// Pretty permalinks: /wp-json/ and /%postname%/ URLs. A soft flush only stores the rules in the
// database (a hard flush would try to write .htaccess into the read-only package directory).
global \$wp_rewrite;
\$wp_rewrite->set_permalink_structure('/%postname%/');
flush_rewrite_rules(false);

\$user = get_user_by('login', '$ADMIN_USER');
if (!\$user) { fwrite(STDERR, "no user $ADMIN_USER\n"); exit(1); }
\$created = WP_Application_Passwords::create_new_application_password(\$user->ID, ['name' => 'wp-loopback']);
if (is_wp_error(\$created)) { fwrite(STDERR, \$created->get_error_message() . "\n"); exit(1); }
// The password as WordPress shows it, without the display spaces (Basic auth accepts both).
echo \$created[0], "\n";
PHP
}

# php with the same settings for the server and the CLI: errors to a log file, never displayed
# (a PHP notice inside a JSON response would break clients), sendmail disabled.
php_opts() {
  printf '%s\n' -d display_errors=0 -d log_errors=1 -d "error_log=$STATE/php-errors.log" \
    -d sendmail_path=/bin/true -d memory_limit=256M -d upload_max_filesize=64M -d post_max_size=64M
}

start_php() {
  local i code
  log "starting php -S 127.0.0.1:$PORT with $PHP_WORKERS workers"
  local -a opts
  mapfile -t opts < <(php_opts)
  WP_LOOPBACK_CONFIG="$STATE/wp-config.php" PHP_CLI_SERVER_WORKERS=$PHP_WORKERS \
    setsid php "${opts[@]}" -S "127.0.0.1:$PORT" -t "$WP_ROOT" "$STATE/wp-loopback-router.php" \
    </dev/null >>"$STATE/php-server.log" 2>&1 &
  echo $! >"$STATE/php.pid"
  for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/wp-admin/install.php" || true)"
    [[ $code == 200 ]] && return 0
    is_ours "$(<"$STATE/php.pid")" " $STATE/wp-loopback-router.php " || fail "php -S exited during startup" "$STATE/php-server.log"
    sleep 0.1
  done
  fail "php -S did not serve /wp-admin/install.php within ${READY_TIMEOUT}s (last HTTP status $code)" "$STATE/php-server.log"
}

install_wordpress() {
  log "POST /wp-admin/install.php?step=2"
  curl -sS --max-time 60 -o "$STATE/install-response.html" -w '%{http_code}\n' \
    --data-urlencode "weblog_title=MAP Search test site" \
    --data-urlencode "user_name=$ADMIN_USER" \
    --data-urlencode "admin_password=$ADMIN_PASSWORD" \
    --data-urlencode "admin_password2=$ADMIN_PASSWORD" \
    --data-urlencode "admin_email=admin@example.org" \
    --data-urlencode "blog_public=0" \
    "$BASE_URL/wp-admin/install.php?step=2" >"$STATE/install-status" 2>>"$STATE/wp-loopback.log" ||
    fail "the install request failed" "$STATE/php-server.log"
  grep -q 'install-success' "$STATE/install-response.html" ||
    fail "WordPress did not report a successful install (HTTP $(cat "$STATE/install-status"); page in $STATE/install-response.html)" "$STATE/php-errors.log"

  log "setting permalinks and creating the application password"
  local -a opts
  mapfile -t opts < <(php_opts)
  APP_PASSWORD="$(WP_LOOPBACK_CONFIG="$STATE/wp-config.php" php "${opts[@]}" "$STATE/wp-loopback-setup.php" 2>>"$STATE/wp-loopback.log")" ||
    fail "post-install setup (permalinks, application password) failed" "$STATE/wp-loopback.log"
  APP_PASSWORD="$(tr -dc 'A-Za-z0-9' <<<"$APP_PASSWORD")"
  [[ ${#APP_PASSWORD} -ge 20 ]] || fail "no application password was created" "$STATE/php-errors.log"
}

wait_rest() {
  local i root me
  log "waiting for the REST API"
  for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
    root="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/wp-json/" || true)"
    me="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -u "$ADMIN_USER:$APP_PASSWORD" "$BASE_URL/wp-json/wp/v2/users/me" || true)"
    [[ $root == 200 && $me == 200 ]] && return 0
    sleep 0.1
  done
  fail "REST API not ready within ${READY_TIMEOUT}s (GET /wp-json/ -> $root, authenticated /wp/v2/users/me -> $me)" "$STATE/php-errors.log"
}

# Failure during `up`: say what failed, show the relevant log's tail, stop everything, exit 1.
fail() {
  local what=$1 logfile=${2:-}
  echo "wp-loopback: up failed: $what" >&2
  if [[ -n $logfile && -s $logfile ]]; then
    echo "---- last lines of $logfile ----" >&2
    tail -n 25 "$logfile" >&2
    echo "----" >&2
  fi
  log "FAILED: $what"
  exit 1   # the EXIT trap stops the servers
}

do_up() {
  STATE=$1 PORT=$2
  BASE_URL="http://127.0.0.1:$PORT"
  local started
  started="$(date +%s%N)"
  check_requirements

  # A state dir reused from an earlier run: stop it and remove what that run created (only the
  # names this script creates). Any other non-empty directory is refused to protect its files.
  if [[ -f $STATE/.wp-loopback ]]; then
    rm -f "$STATE/port"   # down without waiting for the old port: free_port below sees to PORT
    do_down "$STATE"
    rm -rf "${STATE:?}/mysql" "$STATE/mysql-tmp" "$STATE/wp-content" "$STATE"/*.log "$STATE"/*.php \
      "$STATE/install-response.html" "$STATE/install-status" "$STATE/port" "$STATE/admin-password" \
      "$STATE/app-password" "$STATE/mysqld.sock" "$STATE"/*.pid
  elif [[ -n "$(ls -A "$STATE")" ]]; then
    die "state dir $STATE is not empty and was not made by wp-loopback.sh"
  fi
  touch "$STATE/.wp-loopback"
  echo "$PORT" >"$STATE/port"
  log "up $STATE $PORT"

  free_port "$PORT"

  # From here on, any failure (fail, die or an unexpected non-zero command under set -e) stops
  # whatever was started, so a failed `up` leaves nothing running.
  trap 'rc=$?; if ((rc != 0)); then do_down "$STATE" >/dev/null 2>&1 || true; fi' EXIT
  # Killed while starting (Ctrl-C, a test timeout's SIGTERM): exit non-zero so the trap cleans up.
  trap 'echo "wp-loopback: up interrupted" >&2; exit 130' INT TERM HUP

  DB_PASSWORD="$(openssl rand -hex 16)"
  ADMIN_PASSWORD="$(openssl rand -hex 16)"
  (umask 077; echo "$ADMIN_PASSWORD" >"$STATE/admin-password")

  write_debian_stub
  start_mariadb
  write_wordpress_files
  start_php
  install_wordpress
  (umask 077; echo "$APP_PASSWORD" >"$STATE/app-password")
  wait_rest

  log "up in $(( ($(date +%s%N) - started) / 1000000 )) ms"
  printf '{"baseUrl":"%s","user":"%s","appPassword":"%s","pids":[%s,%s]}\n' \
    "$BASE_URL" "$ADMIN_USER" "$APP_PASSWORD" "$(<"$STATE/mariadb.pid")" "$(<"$STATE/php.pid")"
}

main() {
  [[ $# -ge 1 ]] || usage
  case $1 in
    up)
      [[ $# -eq 3 ]] || usage
      if ! [[ $3 =~ ^[0-9]+$ ]] || (($3 < 1024 || $3 > 65535)); then
        die "PORT must be a number from 1024 to 65535"
      fi
      local state
      state="$(abs_state_dir "$2")"   # a plain assignment, so that set -e stops on failure
      do_up "$state" "$3"
      ;;
    down)
      [[ $# -eq 2 ]] || usage
      [[ -d $2 ]] || exit 0
      STATE="$(cd "$2" && pwd -P)"
      do_down "$STATE"
      log "down"
      ;;
    *) usage ;;
  esac
}

main "$@"
