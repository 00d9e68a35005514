import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type IHttpClient, WSDL } from 'soap';
import { ConfigError } from '../errors/families.js';
import { findUnsafeXml, unsafeXmlText } from './xml-safety.js';

/** Options of {@link loadLocalWsdl}. */
export interface LoadWsdlOptions {
  vendor?: string;
  /** Handed to `soap` for the WSDL's own options; it refuses every download. */
  httpClient: IHttpClient;
}

const remoteLocation = /^[a-z][a-z\d+.-]*:\/\//i;

/**
 * Reads and parses a WSDL from local disk (specs/western-union.md §3: "from local files, no remote imports").
 * The text is checked for a DOCTYPE before `soap` parses it, and so is every imported or included file; a remote
 * import location is refused before anything is fetched.
 *
 * @param absolutePath the WSDL's absolute path (imports resolve relative to it).
 * @throws ConfigError naming the file when it cannot be read or parsed, or is refused.
 */
export async function loadLocalWsdl(absolutePath: string, options: LoadWsdlOptions): Promise<WSDL> {
  const vendor = options.vendor === undefined ? {} : { vendor: options.vendor };
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new ConfigError({
      message: `wsdlPath ${absolutePath} could not be read${typeof code === 'string' ? ` (${code})` : ''}`,
      ...vendor,
      cause,
    });
  }
  return parseWsdl(text, absolutePath, options);
}

/**
 * Parses WSDL text after checking it for a DOCTYPE; imports resolve against `uri` (`''`: the working directory)
 * and go through {@link checkImport}.
 * @throws ConfigError when the text is refused, `soap` cannot parse it, or an import is refused.
 */
export function parseWsdl(text: string, uri: string, options: LoadWsdlOptions): Promise<WSDL> {
  const vendor = options.vendor === undefined ? {} : { vendor: options.vendor };
  const subject = uri === '' ? 'the WSDL' : `wsdlPath ${uri}`;
  const unsafe = findUnsafeXml(text);
  if (unsafe !== undefined) {
    return Promise.reject(
      new ConfigError({ message: `${subject} is refused: ${unsafeXmlText[unsafe]}`, ...vendor }),
    );
  }
  return new Promise<WSDL>((resolve, reject) => {
    let wsdl: WSDL;
    try {
      wsdl = new WSDL(text, uri, {
        // Escape every text value written into a request (specs/western-union.md §5.4: escapeXML stays on).
        escapeXML: true,
        httpClient: options.httpClient,
        wsdl_options: { overrideImportLocation: (location: string) => checkImport(location, vendor) },
      });
    } catch (cause) {
      reject(parseFailure(subject, cause, vendor));
      return;
    }
    wsdl.onReady((error) => {
      if (error) reject(parseFailure(subject, error, vendor));
      else resolve(wsdl);
    });
  });
}

/**
 * `soap`'s `overrideImportLocation` hook, called with the resolved location of every `import`/`include` before it
 * is opened: refuses remote ones and local ones carrying a DOCTYPE. Runs once per file while the WSDL loads, so the
 * synchronous read does not touch the call path.
 */
export function checkImport(location: string, vendor: { vendor?: string }): string {
  if (remoteLocation.test(location)) {
    throw new ConfigError({
      message: `the WSDL imports a remote location (${location}); only local files are allowed`,
      ...vendor,
    });
  }
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch (cause) {
    throw new ConfigError({
      message: `the WSDL imports ${location}, which could not be read`,
      ...vendor,
      cause,
    });
  }
  const unsafe = findUnsafeXml(text);
  if (unsafe !== undefined) {
    throw new ConfigError({
      message: `the WSDL import ${location} is refused: ${unsafeXmlText[unsafe]}`,
      ...vendor,
    });
  }
  return location;
}

/** An `IHttpClient` for `soap` that refuses every download (a WSDL or XSD location that got past checkImport). */
export function createRefusingHttpClient(vendor: { vendor?: string }): IHttpClient {
  const client = {
    request(_url: string, _data: unknown, callback: (error: unknown) => void): undefined {
      callback(new ConfigError({ message: 'remote WSDL and XSD locations are refused', ...vendor }));
      return undefined;
    },
  };
  // soap types the return value as an axios promise it never reads.
  return client as unknown as IHttpClient;
}

function parseFailure(subject: string, cause: unknown, vendor: { vendor?: string }): ConfigError {
  // A refusal raised by checkImport travels through soap's callback unchanged.
  if (cause instanceof ConfigError) return cause;
  return new ConfigError({ message: `${subject} could not be parsed as a WSDL`, ...vendor, cause });
}
