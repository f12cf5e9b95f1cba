/**
 * The generic write of a name-keyed record (request validators, models, and the kinds that
 * come next): the kind's write spec names the operations, its field table builds the
 * inputs and PATCH operations, and this sends them with the real SDK v3 commands. Like the
 * executors, it converges the record from what is live to what is desired, so repeating it
 * after a crash does only what is left.
 */
import {
  CreateModelCommand,
  CreateRequestValidatorCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  DeleteGatewayResponseCommand,
  PutGatewayResponseCommand,
  UpdateGatewayResponseCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateModelCommand as V2CreateModelCommand,
  DeleteModelCommand as V2DeleteModelCommand,
  UpdateModelCommand as V2UpdateModelCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiKind, ApiModel } from '../../model/api.js';
import { ApigwSyncError } from '../../model/errors.js';
import type { LiveIds } from '../../model/live.js';
import { createInput, patchOps, updateInput, type Obj, type WriteContext } from '../../kinds/field.js';
import { recordsOf, type ResourceKind } from '../../kinds/kind.js';
import { same } from '../../kinds/patch.js';
import { isAwsError } from './call.js';

type CommandClass = new (input: never) => unknown;

/** The write operations the kinds' specs name, as SDK v3 commands. */
const COMMANDS: Record<ApiKind, Record<string, CommandClass>> = {
  RestApi: {
    CreateRequestValidator: CreateRequestValidatorCommand,
    UpdateRequestValidator: UpdateRequestValidatorCommand,
    DeleteRequestValidator: DeleteRequestValidatorCommand,
    CreateModel: CreateModelCommand,
    UpdateModel: UpdateModelCommand,
    DeleteModel: DeleteModelCommand,
    PutGatewayResponse: PutGatewayResponseCommand,
    UpdateGatewayResponse: UpdateGatewayResponseCommand,
    DeleteGatewayResponse: DeleteGatewayResponseCommand,
  },
  HttpApi: {},
  WebSocketApi: {
    CreateModel: V2CreateModelCommand,
    UpdateModel: V2UpdateModelCommand,
    DeleteModel: V2DeleteModelCommand,
  },
};

const LABEL: Record<ApiKind, string> = { RestApi: 'REST', HttpApi: 'HTTP', WebSocketApi: 'WebSocket' };

export interface RecordWriter {
  flavour: ApiKind;
  /** Sends one operation (through the executor's caller: throttled, retried, counted). */
  send(op: string, command: unknown): Promise<Obj>;
  /** The input member(s) naming the API (`restApiId` / `ApiId`). */
  apiRef(): Obj;
  cur: ApiModel;
  desired: ApiModel;
  ids: LiveIds;
  wire: WriteContext;
}

function command(flavour: ApiKind, op: string, input: Obj): unknown {
  const Command = COMMANDS[flavour][op];
  if (!Command)
    throw new ApigwSyncError('NO_WRITE_OP', `no SDK command for ${op}`, {
      hint: 'add the operation to src/aws/apply/record-writer.ts',
    });
  return new Command(input as never);
}

/** Converges one record of `kind` named `name`; true when it wrote to AWS (the deployment snapshot changed). */
export async function syncRecord(kind: ResourceKind, name: string, w: RecordWriter): Promise<boolean> {
  const spec = kind.write?.[w.flavour];
  if (!spec || !kind.modelKey) {
    throw new ApigwSyncError(
      'NOT_AVAILABLE',
      `${w.desired.name}: ${LABEL[w.flavour]} APIs have no ${kind.label}s (${name})`,
      {
        hint: `remove the ${kind.label} from the API's state, or use another kind of API`,
      },
    );
  }
  const d = recordsOf(kind, w.desired)[name];
  const cur = recordsOf(kind, w.cur);
  const c = cur[name];
  const ids = spec.idsKey ? w.ids[spec.idsKey] : undefined;
  const address = (): Obj => ({ ...w.apiRef(), [spec.address.member]: spec.address.by === 'id' ? ids?.[name] : name });
  const known = c !== undefined && (spec.address.by === 'name' || ids?.[name] !== undefined);
  const send = (op: string, input: Obj) => w.send(op, command(w.flavour, op, input));

  const remove = async () => {
    try {
      await send(spec.delete.op, address());
    } catch (e) {
      if (!isAwsError(e, 'NotFoundException')) throw e; // already gone: a resumed run
    }
  };
  const create = async () => {
    const input = {
      ...createInput(kind.fields ?? {}, w.flavour, d, w.wire),
      ...w.apiRef(),
      ...(spec.create.key ? { [spec.create.key]: name } : {}),
    };
    const out = await send(spec.create.op, input);
    if (spec.create.id) {
      const id = out[spec.create.id] as string | undefined;
      if (!id) throw new ApigwSyncError('AWS_NO_ID', `${spec.create.op} ${name} returned no id`);
      if (ids) ids[name] = id;
    }
  };

  if (d === undefined) {
    if (known) await remove();
    delete cur[name];
    if (ids) delete ids[name];
    return known;
  }
  if (!known) await create();
  else if (
    !spec.update ||
    (spec.recreateOn ?? []).some((k) => !same((c as Obj)[k as string], (d as Obj)[k as string]))
  ) {
    await remove();
    await create();
  } else if (w.flavour === 'RestApi') {
    const ops = patchOps(kind.fields ?? {}, c, d, w.wire);
    if (ops.length) await send(spec.update.op, { ...address(), patchOperations: ops });
  } else {
    const input = updateInput(kind.fields ?? {}, c, d, w.flavour);
    if (input) await send(spec.update.op, { ...input, ...address() });
  }
  cur[name] = structuredClone(d);
  return true;
}

/** The write operations this edge can send, per flavour (a kind's write spec must name only these). */
export function writeOperations(flavour: ApiKind): string[] {
  return Object.keys(COMMANDS[flavour]);
}
