vcl 4.1;

# Varnish in front of Dateline nodes, purged on every change (issue 18; docs/deploy/README.md).
# Needs varnish-modules for vmod_xkey (Debian: apt-get install varnish varnish-modules).
# Dateline runs with DATELINE_PURGE=varnish:http://THIS-VARNISH:6081 and DATELINE_TRUST_PROXY=1 (2 with a TLS
# terminator in front of Varnish).

import directors;
import std;
import xkey;

# One backend per node; /readyz takes a node out while its database or Redis is away.
backend node_a {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}
backend node_b {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

# Who may purge: the Dateline nodes.
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node_a);
    nodes.add_backend(node_b);
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();

    # Dateline's purge: PURGE with the surrogate keys in xkey-purge (src/services/purgers.ts).
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }

    # Varnish adds the client's address to X-Forwarded-For: count it among Dateline's proxies (DATELINE_TRUST_PROXY).

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom and the Admin API are per person or per integration: never cached.
    if (req.url ~ "^/newsroom" || req.url ~ "^/ghost/api/[^/]+/?admin" || req.url ~ "^/ghost/api/admin") {
        return (pass);
    }
    # Reader pages are the same for everyone; a cookie (a consent choice, an analytics id) must not split them.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Dateline says how long a proxy may keep a page (Surrogate-Control); browsers keep Cache-Control's minute.
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 60s);
    }
    # Served stale while a new copy is fetched, or while every node is down.
    set beresp.grace = 10m;
    unset beresp.http.Surrogate-Control;
}

sub vcl_deliver {
    # The keys are for this cache only (and must stay on the object for xkey); readers do not need them.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
