import type { ApiIr } from '../../ir/ir.types';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import { pyApiClass, pyApiModule } from './py-api.emitter';
import { pyComment, pyDocstring, pyIdent, pyString } from './py-syntax';

/** `_client.py`: the client class, its settings, and one attribute per tag. */
export function pyClientSource(ir: ApiIr, clientClass: string): string {
  const { auth } = ir;
  const w = new CodeWriter();
  w.each(headerLines(ir).flatMap(pyComment));
  w.line('import typing as _t');
  w.line();
  w.line('from ._transport import Settings, Transport');
  w.line('from ._urls import resolve_base_url, resolve_token_url');
  for (const tag of ir.tags) w.line(`from .api.${pyApiModule(tag)} import ${pyApiClass(tag)}`);
  w.line();
  w.line(`SERVER_URL = ${pyString(ir.serverUrl)}`);
  w.line();
  w.line();
  w.line(`class ${clientClass}:`);
  w.indent(() => {
    const lines = [
      `Client of ${ir.title} ${ir.version}.`,
      'Authenticate with ``api_key`` (sent as a bearer token or the API key the document declares), or with ``client_id`` and ``client_secret`` (OAuth 2.0 client credentials: tokens are fetched and renewed by the client).',
      '``timeout`` is in seconds per attempt; failed connections, 429 and 5xx answers are retried up to ``max_retries`` times with exponential backoff, honouring Retry-After.',
    ];
    w.line(pyDocstring(lines.join('\n\n')));
    w.line();
    w.line('def __init__(');
    w.indent(() => {
      w.line('self,');
      w.line('base_url: _t.Optional[str] = None,');
      w.line('*,');
      w.line('api_key: _t.Optional[str] = None,');
      w.line('client_id: _t.Optional[str] = None,');
      w.line('client_secret: _t.Optional[str] = None,');
      w.line('scopes: _t.Optional[_t.Sequence[str]] = None,');
      w.line('token_url: _t.Optional[str] = None,');
      w.line('timeout: float = 30.0,');
      w.line('max_retries: int = 3,');
    });
    w.line(') -> None:');
    w.indent(() => {
      w.line('api_base = resolve_base_url(base_url, SERVER_URL)');
      const token = auth.oauth2 ? `token_url or resolve_token_url(api_base, ${pyString(auth.oauth2.tokenUrl)}, ${pyString(auth.oauth2.tokenUrlBase)})` : 'token_url';
      w.line('self._transport = Transport(Settings(');
      w.indent(() => {
        w.line('base_url=api_base,');
        w.line('api_key=api_key,');
        if (auth.apiKey) w.line(`api_key_name=${pyString(auth.apiKey.name)}, api_key_in=${pyString(auth.apiKey.in)},`);
        w.line(`token_url=${token},`);
        w.line('client_id=client_id,');
        w.line('client_secret=client_secret,');
        w.line('scopes=scopes,');
        w.line('timeout=timeout,');
        w.line('max_retries=max_retries,');
        w.line(`user_agent=${pyString(`${clientClass}/python ${ir.version}`)},`);
      });
      w.line('))');
      for (const tag of ir.tags) w.line(`self.${pyIdent(tag.words)} = ${pyApiClass(tag)}(self._transport)`);
    });
  });
  return w.toString();
}

export function pyInitSource(ir: ApiIr, clientClass: string): string {
  const w = new CodeWriter();
  w.each(headerLines(ir).flatMap(pyComment));
  w.line(pyDocstring(`Python client of ${ir.title} ${ir.version} (standard library only).`));
  w.line();
  w.line('from . import models');
  w.line(`from ._client import ${clientClass}`);
  w.line('from ._errors import (');
  w.indent(() => {
    for (const e of ['ApiConnectionError', 'ApiError', 'AuthenticationError', 'BadRequestError', 'ConflictError', 'NotFoundError', 'PermissionDeniedError', 'RateLimitError', 'ServerError']) w.line(`${e},`);
  });
  w.line(')');
  w.line('from ._webhooks import Webhook, WebhookVerificationError');
  w.line();
  const names = [clientClass, 'ApiConnectionError', 'ApiError', 'AuthenticationError', 'BadRequestError', 'ConflictError', 'NotFoundError', 'PermissionDeniedError', 'RateLimitError', 'ServerError', 'Webhook', 'WebhookVerificationError', 'models'];
  w.line(`__all__ = [${names.map(pyString).join(', ')}]`);
  return w.toString();
}
