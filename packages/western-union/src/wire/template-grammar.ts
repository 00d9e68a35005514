/** One receiver/KYC field of a delivery-option template (spec §4.6). */
export interface WuTemplateField {
  xpath: string;
  label: string;
  maxLength: number;
  fieldId: string;
  required: boolean;
  requiredMessage?: string;
  inputType: string;
  options?: { code: string; label: string }[];
}

/** A parsed delivery-option template. */
export interface WuDeliveryTemplate {
  fields: WuTemplateField[];
  raw: Readonly<Record<string, string>>[];
}

/** A problem with one template field value. */
export interface WuTemplateIssue {
  xpath: string;
  problem: 'missing' | 'too_long' | 'not_digits' | 'not_an_option';
}

/**
 * Parses `GETDELIVERYOPTIONTEMPLATE` records (spec §4.6): rows with `T_INDEX` `000` are headers; a field row's
 * first item holds a `.`; a COMBO field's last non-empty item counts the option rows (`1;0;code;label`) that follow.
 */
export function parseDeliveryOptionTemplate(
  records: readonly { T_INDEX: string; DESCRIPTION: string }[],
): WuDeliveryTemplate {
  const fields: WuTemplateField[] = [];
  let pendingOptions = 0;
  let current: WuTemplateField | undefined;
  for (const record of records) {
    if (String(record.T_INDEX).trim() === '000') continue;
    const items = String(record.DESCRIPTION ?? '')
      .split(';')
      .map((item) => item.trim());
    if (pendingOptions > 0 && current !== undefined && items[0] === '1' && items[1] === '0') {
      current.options = [...(current.options ?? []), { code: items[2] ?? '', label: items[3] ?? '' }];
      pendingOptions -= 1;
      continue;
    }
    if (!(items[0] ?? '').includes('.')) continue;
    const requiredText = items[4] ?? '';
    const inputType = items[6] ?? '';
    const field: WuTemplateField = {
      xpath: items[0] as string,
      label: items[1] ?? '',
      maxLength: Number.parseInt(items[2] ?? '', 10) || 0,
      fieldId: items[3] ?? '',
      required: requiredText !== '',
      ...(requiredText === '' ? {} : { requiredMessage: requiredText }),
      inputType,
    };
    fields.push(field);
    current = field;
    pendingOptions = 0;
    if (inputType === 'COMBO') {
      const nonEmpty = items.filter((item) => item !== '');
      const count = Number.parseInt(nonEmpty[nonEmpty.length - 1] ?? '', 10);
      pendingOptions = Number.isInteger(count) && count > 0 ? count : 0;
      field.options = [];
    }
  }
  return { fields, raw: records.map((record) => Object.freeze({ ...record })) };
}

/** Checks values (by xpath) against a template: presence, length, DIGIT = `^\d+$`, COMBO ∈ options (spec §4.6). */
export function validateTemplateFields(
  template: WuDeliveryTemplate,
  values: Readonly<Record<string, string | undefined>>,
): WuTemplateIssue[] {
  const issues: WuTemplateIssue[] = [];
  for (const field of template.fields) {
    const value = Object.hasOwn(values, field.xpath) ? values[field.xpath] : undefined;
    if (value === undefined || value === '') {
      if (field.required) issues.push({ xpath: field.xpath, problem: 'missing' });
      continue;
    }
    if (field.maxLength > 0 && value.length > field.maxLength) {
      issues.push({ xpath: field.xpath, problem: 'too_long' });
    } else if (field.inputType === 'DIGIT' && !/^\d+$/.test(value)) {
      issues.push({ xpath: field.xpath, problem: 'not_digits' });
    } else if (
      field.inputType === 'COMBO' &&
      !(field.options ?? []).some((option) => option.code === value)
    ) {
      issues.push({ xpath: field.xpath, problem: 'not_an_option' });
    }
  }
  return issues;
}
