import { randomBytes } from 'node:crypto';
import { json, notFound, type EmuRequest, type Reply } from './http.js';
import type { EmuAttachment, EmuState } from './state.js';

/** Zendesk's limit for one file (reference §1.6 and Zendesk's attachment docs): 50 MB. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * The Uploads API: `POST /api/v2/uploads?filename=…[&token=…]` with the raw bytes and their Content-Type →
 * 201 with a token; passing an earlier token adds the file to that upload. A comment carrying
 * `uploads: [token]` gets the files as attachments and uses the token up; tokens expire after 60 minutes.
 */
export function createUploads(state: EmuState, now: () => number, baseUrl: () => string) {
  /** The bytes of attached files by attachment id: what an agent would download. */
  const files = new Map<number, Buffer>();
  return {
    route(req: EmuRequest, parts: string[]): Reply {
      if (req.method === 'DELETE' && parts[3]) return state.uploads.delete(parts[3]) ? { status: 204 } : notFound();
      if (req.method !== 'POST' || parts[3]) return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
      const filename = req.query.get('filename');
      if (!filename) return json(400, { error: 'InvalidParameter', description: 'filename is required' });
      if (req.bytes.length > MAX_UPLOAD_BYTES) return json(413, { error: 'RequestEntityTooLarge', description: 'File is larger than 50 MB' });
      const given = req.query.get('token');
      const existing = given ? state.uploads.get(given) : undefined;
      if (given && (!existing || existing.expiresAt < now())) return notFound();
      const id = state.id();
      const attachment = {
        id,
        file_name: filename,
        content_type: String(req.headers['content-type'] ?? 'application/binary').split(';')[0]!,
        size: req.bytes.length,
        content_url: `${baseUrl()}/attachments/token/${randomBytes(12).toString('hex')}/?name=${encodeURIComponent(filename)}`,
        bytes: req.bytes,
      };
      const upload = existing ?? { token: randomBytes(12).toString('base64url'), attachments: [], expiresAt: now() + TOKEN_TTL_MS };
      upload.attachments.push(attachment);
      state.uploads.set(upload.token, upload);
      const view = (a: (typeof upload.attachments)[number]): EmuAttachment => ({ id: a.id, file_name: a.file_name, content_type: a.content_type, size: a.size, content_url: a.content_url });
      return json(201, { upload: { token: upload.token, expires_at: new Date(upload.expiresAt).toISOString(), attachment: view(attachment), attachments: upload.attachments.map(view) } });
    },

    /** The attachments of these tokens, which are used up; unknown or expired tokens attach nothing. */
    take(tokens: unknown): EmuAttachment[] {
      if (!Array.isArray(tokens)) return [];
      const out: EmuAttachment[] = [];
      for (const token of tokens) {
        const upload = typeof token === 'string' ? state.uploads.get(token) : undefined;
        if (!upload || upload.expiresAt < now()) continue;
        state.uploads.delete(token as string);
        for (const { bytes, ...a } of upload.attachments) {
          files.set(a.id, bytes);
          out.push(a);
        }
      }
      return out;
    },

    bytesOf(attachmentId: number): Buffer | undefined {
      return files.get(attachmentId);
    },
  };
}
