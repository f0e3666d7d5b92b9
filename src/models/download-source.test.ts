// Table tests for the pure parts of downloading: source URLs, mirrors and proxy choice.
import { describe, expect, it } from 'vitest';
import { CATALOG, recommendModel } from './catalog.js';
import { bypassesProxy, proxyAuthorization, proxyFor } from './download-proxy.js';
import { mirrorFromEnv, normalizeMirror, resolveSourceUrl } from './download-source.js';

describe('resolveSourceUrl', () => {
  it.each([
    ['hf:Qwen/Qwen3-Embedding-0.6B-GGUF/Qwen3-Embedding-0.6B-Q8_0.gguf', undefined, 'https://huggingface.co/Qwen/Qwen3-Embedding-0.6B-GGUF/resolve/main/Qwen3-Embedding-0.6B-Q8_0.gguf'],
    ['hf:Qwen/Qwen3-Embedding-0.6B-GGUF/Qwen3-Embedding-0.6B-Q8_0.gguf', 'https://hf-mirror.com/', 'https://hf-mirror.com/Qwen/Qwen3-Embedding-0.6B-GGUF/resolve/main/Qwen3-Embedding-0.6B-Q8_0.gguf'],
    ['hf:org/repo/sub/模型.gguf#v1.0', 'http://127.0.0.1:8080/hf', 'http://127.0.0.1:8080/hf/org/repo/resolve/v1.0/sub/%E6%A8%A1%E5%9E%8B.gguf'],
    ['https://huggingface.co/a/b/resolve/main/c.gguf', 'https://hf-mirror.com', 'https://hf-mirror.com/a/b/resolve/main/c.gguf'],
    ['https://example.org/models/c.gguf', 'https://hf-mirror.com', 'https://example.org/models/c.gguf'],
  ])('%s via %s', (source, mirror, url) => {
    expect(resolveSourceUrl(source, mirror)).toBe(url);
  });

  it.each([
    ['hf:only-owner/model.gguf', /hf:<owner>\/<repo>\/<file.gguf>/],
    ['hf:a/b/../etc/passwd', /invalid file path/],
    ['ftp://example.org/x.gguf', /http\(s\)/],
    ['model.gguf', /neither an hf: URI nor a URL/],
  ])('refuses %s', (source, message) => {
    expect(() => resolveSourceUrl(source)).toThrow(message);
  });

  it('checks the mirror setting', () => {
    expect(normalizeMirror(undefined)).toBe('https://huggingface.co');
    expect(normalizeMirror('  ')).toBe('https://huggingface.co');
    expect(() => normalizeMirror('hf-mirror.com')).toThrow(/not a URL/);
    expect(() => normalizeMirror('file:///tmp')).toThrow(/http\(s\)/);
    expect(mirrorFromEnv({ HF_ENDPOINT: 'https://hf-mirror.com' })).toBe('https://hf-mirror.com');
    expect(mirrorFromEnv({ SIFT_HF_MIRROR: 'https://a.example', HF_ENDPOINT: 'https://b.example' })).toBe('https://a.example');
    expect(mirrorFromEnv({})).toBeUndefined();
  });
});

describe('proxyFor', () => {
  const https = new URL('https://huggingface.co/x');
  const http = new URL('http://mirror.internal:8080/x');
  it.each<[string, URL, NodeJS.ProcessEnv, string | undefined]>([
    ['none set', https, {}, undefined],
    ['HTTPS_PROXY for https', https, { HTTPS_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    ['lower case wins nothing over upper', https, { https_proxy: 'http://lower:1' }, 'http://lower:1/'],
    ['HTTP_PROXY is not used for https', https, { HTTP_PROXY: 'http://proxy:3128' }, undefined],
    ['HTTP_PROXY for http', http, { HTTP_PROXY: 'proxy.corp:3128' }, 'http://proxy.corp:3128/'],
    ['ALL_PROXY as fallback', https, { ALL_PROXY: 'http://all:1' }, 'http://all:1/'],
    ['NO_PROXY domain suffix', https, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.huggingface.co' }, undefined],
    ['NO_PROXY bare domain covers subdomains', new URL('https://cdn-lfs.huggingface.co/x'), { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'huggingface.co' }, undefined],
    ['NO_PROXY other host', https, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.org,localhost' }, 'http://p:1/'],
    ['NO_PROXY star', https, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, undefined],
    ['NO_PROXY with matching port', http, { HTTP_PROXY: 'http://p:1', NO_PROXY: 'mirror.internal:8080' }, undefined],
    ['NO_PROXY with other port', http, { HTTP_PROXY: 'http://p:1', NO_PROXY: 'mirror.internal:9090' }, 'http://p:1/'],
  ])('%s', (_name, target, env, expected) => {
    expect(proxyFor(target, env)?.href).toBe(expected);
  });

  it('refuses SOCKS proxies with a clear message, and reads credentials', () => {
    expect(() => proxyFor(https, { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/SOCKS are not supported/);
    const proxy = proxyFor(https, { HTTPS_PROXY: 'http://me:p%40ss@p:1' })!;
    expect(proxyAuthorization(proxy)).toBe(`Basic ${Buffer.from('me:p@ss').toString('base64')}`);
    expect(bypassesProxy(new URL('http://[::1]:80/'), '[::1]')).toBe(true);
  });
});

describe('catalog', () => {
  it('has unique ids and file names, hf: sources for every download, and facts for every entry', () => {
    expect(new Set(CATALOG.map((e) => e.id)).size).toBe(CATALOG.length);
    expect(new Set(CATALOG.map((e) => e.fileName)).size).toBe(CATALOG.length);
    for (const entry of CATALOG) {
      if (!entry.bundled) expect(entry.source).toMatch(new RegExp(`^hf:[^/]+/[^/]+/${entry.fileName.replace(/\./g, '\\.')}$`));
      expect(entry.sizeBytes).toBeGreaterThan(0);
      expect(entry.memoryBytes).toBeGreaterThan(0);
      expect(entry.contextTokens).toBeGreaterThan(0);
      expect(entry.languages.length).toBeGreaterThan(0);
      expect(entry.summary['zh-CN']).toBeTruthy();
      if (entry.role === 'embedding') expect(entry.dimensions).toBeGreaterThan(0);
    }
  });

  it.each([
    [{ vramBytes: 24e9, ramBytes: 64e9 }, 'qwen3-embedding-8b-q4_k_m'],
    [{ vramBytes: 8e9, ramBytes: 16e9 }, 'qwen3-embedding-8b-q4_k_m'],
    [{ vramBytes: 6e9, ramBytes: 16e9 }, 'qwen3-embedding-4b-q4_k_m'],
    [{ vramBytes: 2e9, ramBytes: 16e9 }, 'qwen3-embedding-0.6b-q8_0'],
    [{ vramBytes: 1e9, ramBytes: 16e9 }, 'qwen3-embedding-0.6b-q8_0'],
    [{ ramBytes: 16e9 }, 'qwen3-embedding-0.6b-q8_0'],
    [{ ramBytes: 4e9 }, 'sift-starter-glove-100d'],
  ])('recommends for %o: %s', (hardware, id) => {
    expect(recommendModel(hardware).id).toBe(id);
  });
});
