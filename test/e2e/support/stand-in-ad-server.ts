import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';

/**
 * What the stand-in's ad script does: fills each ad-slots box with a link of the box's tallest size, drawn through
 * the CSSOM (which the site's CSP allows; a style attribute it would refuse), and marks the box filled.
 */
const AD_SCRIPT = `(function () {
  document.querySelectorAll('.dl-ad-box').forEach(function (box) {
    var tallest = box.getAttribute('data-ad-sizes').split(',').map(function (s) {
      var p = s.split('x');
      return { width: Number(p[0]), height: Number(p[1]) };
    }).sort(function (a, b) { return b.height - a.height; })[0];
    var ad = document.createElement('a');
    ad.className = 'stand-in-ad';
    ad.href = 'https://example.com/';
    ad.textContent = 'Stand-in ad ' + tallest.width + ' by ' + tallest.height;
    ad.style.display = 'block';
    ad.style.width = tallest.width + 'px';
    ad.style.height = tallest.height + 'px';
    box.appendChild(ad);
    box.setAttribute('data-filled', 'yes');
  });
})();
`;

export interface StandInAdServer {
  /** The ad script's address, e.g. http://127.0.0.1:41234/ad.js. */
  readonly scriptUrl: string;
  /** The paths asked for since the last reset, in order. */
  requests(): string[];
  reset(): void;
}

/** A local ad server on a port of its own, counting what browsers ask it for; closed after the file's tests. */
export const useStandInAdServer = (): StandInAdServer => {
  let server: Server | undefined;
  let port = 0;
  let seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/ad.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(AD_SCRIPT);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      }
    });
    await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
  });
  return {
    get scriptUrl() {
      if (port === 0) throw new Error('the stand-in ad server is read before it started');
      return `http://127.0.0.1:${port}/ad.js`;
    },
    requests: () => [...seen],
    reset: () => void (seen = []),
  };
};
