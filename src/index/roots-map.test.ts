import { describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { RootsMap } from './roots-map.js';

describe('RootsMap', () => {
  const roots = RootsMap.parse('/srv/share=/Volumes/share, /srv/share/archive=/mnt/archive ,/data=D:\\data');

  it.each([
    ['/srv/share/report.pdf', '/Volumes/share/report.pdf'],
    ['/srv/share', '/Volumes/share'],
    // The longest stored root wins.
    ['/srv/share/archive/2019/a.txt', '/mnt/archive/2019/a.txt'],
    // A Windows mount gets backslashes.
    ['/data/x/y.md', 'D:\\data\\x\\y.md'],
    // Not under a root, or only sharing a prefix of its name: unchanged.
    ['/srv/shared/a.txt', '/srv/shared/a.txt'],
    ['/home/me/a.txt', '/home/me/a.txt'],
  ])('%s -> %s', (stored, local) => {
    expect(roots.toLocal(stored)).toBe(local);
  });

  it('maps a local path back to the stored one (folder filters)', () => {
    expect(roots.toStored('/Volumes/share/kitchen')).toBe('/srv/share/kitchen');
    expect(roots.toStored('D:\\data\\x')).toBe('/data/x');
    expect(roots.toStored('/elsewhere')).toBe('/elsewhere');
  });

  it('empty without pairs; refuses a pair that is not STORED=LOCAL', () => {
    expect(RootsMap.parse(undefined).empty).toBe(true);
    expect(RootsMap.parse(' ').empty).toBe(true);
    for (const bad of ['/srv/share', '=/Volumes/share', '/srv/share=', '/a=/b,oops']) {
      expect(() => RootsMap.parse(bad)).toThrow(SiftError);
    }
    expect(() => RootsMap.parse('/srv/share')).toThrow(/is not STORED=LOCAL/);
  });
});
