import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EmrError } from '../shared/errors.js';
import { BUILT_IN_TEMPLATES } from './note-templates-built-in.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import type { SecretCipher } from '../store/cipher.js';
import { NoteTemplateBodySchema, type NoteTemplate, type NoteTemplateBody } from './note-schemas.js';

const StoredSchema = z.object({
  templates: z.array(NoteTemplateBodySchema.extend({ id: z.uuid() })),
  hiddenBuiltIns: z.array(z.string()),
});
type Stored = z.infer<typeof StoredSchema>;

/**
 * The built-in templates and the user's own (issue 11 item 1). Built-ins cannot be edited or
 * deleted, only hidden: their wording can improve with an update, which an edited built-in would
 * either block or overwrite. To make one's own version, `add` the built-in's body under a new name.
 * User templates may hold a name someone typed, so they are encrypted like the drafts
 * (`note-templates.bin`); with no cipher they, and the hidden list, last until quit.
 */
export class NoteTemplates {
  readonly #file: string;
  readonly #cipher: SecretCipher | null;
  readonly #now: () => Date;
  #stored: Stored = { templates: [], hiddenBuiltIns: [] };
  #setAside: string | undefined;
  #loading: Promise<void> | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(dataDir: string, cipher: SecretCipher | null, options: { now?: () => Date } = {}) {
    this.#file = join(dataDir, 'note-templates.bin');
    this.#cipher = cipher;
    this.#now = options.now ?? (() => new Date());
  }

  get persistent(): boolean {
    return this.#cipher !== null;
  }

  /** Where an unreadable templates file was moved at load, if one was. */
  get setAside(): string | undefined {
    return this.#setAside;
  }

  load(): Promise<void> {
    this.#loading ??= this.#read();
    return this.#loading;
  }

  /** Built-ins in their fixed order, then the user's by name; hidden built-ins only when asked for. */
  async list(options: { includeHidden?: boolean } = {}): Promise<NoteTemplate[]> {
    await this.load();
    const hidden = new Set(this.#stored.hiddenBuiltIns);
    const builtIns = BUILT_IN_TEMPLATES.map((template) => ({ ...structuredClone(template), builtIn: true, hidden: hidden.has(template.id) }));
    const own = this.#stored.templates
      .map((template) => ({ ...structuredClone(template), builtIn: false, hidden: false }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
    return [...builtIns.filter((template) => options.includeHidden || !template.hidden), ...own];
  }

  async add(body: NoteTemplateBody): Promise<NoteTemplate> {
    await this.load();
    const template = { ...NoteTemplateBodySchema.parse(body), id: randomUUID() };
    this.#stored.templates.push(template);
    await this.#write();
    return { ...structuredClone(template), builtIn: false, hidden: false };
  }

  async update(id: string, body: NoteTemplateBody): Promise<NoteTemplate> {
    await this.load();
    const index = this.#ownIndex(id, 'edited');
    const template = { ...NoteTemplateBodySchema.parse(body), id };
    this.#stored.templates[index] = template;
    await this.#write();
    return { ...structuredClone(template), builtIn: false, hidden: false };
  }

  async remove(id: string): Promise<void> {
    await this.load();
    this.#stored.templates.splice(this.#ownIndex(id, 'deleted'), 1);
    await this.#write();
  }

  async setHidden(id: string, hidden: boolean): Promise<void> {
    await this.load();
    if (!BUILT_IN_TEMPLATES.some((template) => template.id === id)) {
      throw new EmrError('not-found', 'Only a built-in template can be hidden; delete your own instead.', { field: 'id' });
    }
    const others = this.#stored.hiddenBuiltIns.filter((hiddenId) => hiddenId !== id);
    this.#stored.hiddenBuiltIns = hidden ? [...others, id] : others;
    await this.#write();
  }

  #ownIndex(id: string, verb: 'edited' | 'deleted'): number {
    if (BUILT_IN_TEMPLATES.some((template) => template.id === id)) {
      throw new EmrError('validation', `A built-in template cannot be ${verb}: hide it, or save a copy under your own name.`, { field: 'id' });
    }
    const index = this.#stored.templates.findIndex((template) => template.id === id);
    if (index < 0) throw new EmrError('not-found', 'That template no longer exists.', { field: 'id' });
    return index;
  }

  async #read(): Promise<void> {
    const cipher = this.#cipher;
    if (!cipher) return;
    const data = await readFile(this.#file).catch(() => undefined);
    if (data === undefined) return;
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(cipher.decrypt(data)));
      if (parsed.success) {
        this.#stored = parsed.data;
        return;
      }
    } catch {
      // Falls through: a wrong key or a damaged file.
    }
    // The user's own wording: moved aside for someone to recover, never deleted.
    this.#setAside = `${this.#file}.${this.#now().getTime()}.unreadable`;
    await rename(this.#file, this.#setAside);
  }

  #write(): Promise<void> {
    const cipher = this.#cipher;
    if (!cipher) return Promise.resolve();
    const sealed = cipher.encrypt(JSON.stringify(this.#stored));
    // Serialised so a slower earlier write can never land after a newer one.
    const write = this.#writes
      .catch(() => undefined)
      .then(async () => {
        await mkdir(join(this.#file, '..'), { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.#file, sealed);
      });
    this.#writes = write;
    return write;
  }
}
