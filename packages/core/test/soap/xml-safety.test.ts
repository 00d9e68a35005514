import { describe, expect, it } from 'vitest';
import { findUnsafeXml } from '../../src/soap/index.js';

describe('findUnsafeXml', () => {
  it.each([
    ['<?xml version="1.0"?><!DOCTYPE a><a/>', 'doctype'],
    ['<a><![CDATA[<?xml version="1.0"?><!doctype b [<!ENTITY e "x">]><b>&e;</b>]]></a>', 'doctype'],
    ['<!ENTITY e "x"><a/>', 'doctype'],
    ['<a><__proto__><b>1</b></__proto__></a>', 'prototype_key'],
    ['<a><b id="constructor">1</b></a>', 'prototype_key'],
    ["<a><b id='toString'>1</b></a>", 'prototype_key'],
    ['<a><b href="#hasOwnProperty"/></a>', 'prototype_key'],
    ['<a><b soapenc:id="valueOf">1</b></a>', 'prototype_key'],
  ])('refuses %s', (text, reason) => {
    expect(findUnsafeXml(text)).toBe(reason);
  });

  it.each([
    '<a><b id="ref-1">1</b><c href="#ref-1"/></a>',
    '<a><constructor_name>valid</constructor_name><note>the prototype of a form</note></a>',
    '<a><doc>DOCTYPE is a word</doc></a>',
  ])('accepts %s', (text) => {
    expect(findUnsafeXml(text)).toBeUndefined();
  });
});
