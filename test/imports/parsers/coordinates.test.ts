import { describe, expect, it } from 'vitest';
import { parseCrs, parseDecimal, resolveLatLng, resolveProjectedAxes } from '../../../server/imports/parsers/coordinates.js';

describe('parseCrs', () => {
  it('accepts WGS 84, SWEREF 99 TM, the 12 local SWEREF 99 zones and RT 90 2.5 gon V', () => {
    expect(parseCrs('EPSG:4326')).toBe(4326);
    expect(parseCrs('4326')).toBe(4326);
    expect(parseCrs('CRS84')).toBe(4326);
    expect(parseCrs('EPSG:3006')).toBe(3006);
    expect(parseCrs('epsg:3006')).toBe(3006);
    expect(parseCrs('urn:ogc:def:crs:EPSG::3006')).toBe(3006);
    for (let srid = 3007; srid <= 3018; srid++) expect(parseCrs(`EPSG:${srid}`)).toBe(srid);
    expect(parseCrs('EPSG:3021')).toBe(3021);
  });

  it('rejects other systems', () => {
    for (const text of ['EPSG:3857', 'EPSG:3019', 'EPSG:3020', 'SWEREF99', '', 'EPSG:']) expect(parseCrs(text)).toBeNull();
  });
});

describe('parseDecimal', () => {
  it('reads a decimal comma as Swedish Excel writes it', () => {
    expect(parseDecimal('59,3712')).toBe(59.3712);
    expect(parseDecimal(' 18,0123 ')).toBe(18.0123);
    expect(parseDecimal('59.3712')).toBe(59.3712);
    expect(parseDecimal('−12,5')).toBe(-12.5);
  });

  it('reads thousands separated by (non-breaking) spaces', () => {
    expect(parseDecimal('6 580 822')).toBe(6580822);
    expect(parseDecimal('6\u00a0580\u00a0822,5')).toBe(6580822.5);
  });

  it('rejects anything else', () => {
    for (const text of ['', 'abc', '59,37,12', '1.234,5', '59 37', 'NaN', 'Infinity', '1e5']) expect(parseDecimal(text)).toBeNull();
  });
});

describe('resolveProjectedAxes', () => {
  it('keeps easting and northing that fit Sweden in SWEREF 99 TM', () => {
    expect(resolveProjectedAxes(3006, 674_032, 6_580_822)).toEqual({ ok: true, easting: 674_032, northing: 6_580_822, swapped: false });
  });

  it('swaps them back when only the opposite reading fits', () => {
    expect(resolveProjectedAxes(3006, 6_580_822, 674_032)).toEqual({ ok: true, easting: 674_032, northing: 6_580_822, swapped: true });
  });

  it('uses the local-zone easting range (false easting 150 000) for EPSG:3007–3018', () => {
    expect(resolveProjectedAxes(3011, 153_900, 6_580_600).ok).toBe(true);
    expect(resolveProjectedAxes(3011, 6_580_600, 153_900)).toMatchObject({ ok: true, swapped: true });
    expect(resolveProjectedAxes(3011, 674_032, 6_580_822)).toEqual({ ok: false, badEasting: true, badNorthing: false });
  });

  it('uses the RT 90 easting range (~1.2–1.9 million) for EPSG:3021', () => {
    expect(resolveProjectedAxes(3021, 1_628_500, 6_581_000).ok).toBe(true);
    expect(resolveProjectedAxes(3021, 6_581_000, 1_628_500)).toMatchObject({ ok: true, swapped: true });
    expect(resolveProjectedAxes(3021, 674_032, 6_580_822)).toMatchObject({ ok: false, badEasting: true });
  });

  it('blames the value that fits no axis, or both when neither pairing works', () => {
    expect(resolveProjectedAxes(3006, 674_032, 42)).toEqual({ ok: false, badEasting: false, badNorthing: true });
    expect(resolveProjectedAxes(3006, 6_580_822, 6_580_822)).toEqual({ ok: false, badEasting: true, badNorthing: true });
    expect(resolveProjectedAxes(3006, 18.07, 59.33)).toEqual({ ok: false, badEasting: true, badNorthing: true });
  });
});

describe('resolveLatLng', () => {
  it('keeps coordinates in range', () => {
    expect(resolveLatLng(59.33, 18.07)).toEqual({ ok: true, lat: 59.33, lng: 18.07, swapped: false });
  });

  it('swaps when the latitude is beyond ±90 but would be a valid longitude', () => {
    expect(resolveLatLng(118.07, 59.33)).toEqual({ ok: true, lat: 59.33, lng: 118.07, swapped: true });
  });

  it('does not guess when both readings are valid', () => {
    expect(resolveLatLng(18.07, 59.33)).toMatchObject({ ok: true, swapped: false });
  });

  it('rejects values out of range either way', () => {
    expect(resolveLatLng(95, 200)).toEqual({ ok: false, badLat: true, badLng: true });
    expect(resolveLatLng(59, 181)).toEqual({ ok: false, badLat: false, badLng: true });
  });
});
