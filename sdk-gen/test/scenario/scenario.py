"""The live-hub scenario against the generated Python SDK. Input: a JSON file (argv[1]); output: one JSON line."""
import json
import sys
import time
import uuid

from ihub import IhubClient, NotFoundError, Webhook, WebhookVerificationError


def wait_for_run(client, run_id):
    # Runs finish in the background; the next scenario's run must not find this one still going.
    deadline = time.time() + 60
    while True:
        run = client.runs.get_run(run_id)
        if run["status"] != "running" or time.time() > deadline:
            return run
        time.sleep(0.2)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        given = json.load(f)
    with_key = IhubClient(given["baseUrl"], api_key=given["apiKey"], timeout=30)
    with_oauth = IhubClient(given["baseUrl"], client_id=given["clientId"], client_secret=given["clientSecret"], timeout=30)

    tenant = with_key.tenants.get_current_tenant()
    created = with_key.integrations.create_integration({
        "name": given["integrationName"],
        "connector": "csv",
        "settings": {"folder": given["csvFolder"], "file": given["integrationName"] + ".csv"},
    })
    started = with_oauth.flows.start_flow_run(given["flowId"], {})
    run = wait_for_run(with_oauth, started["runId"])
    runs = list(with_oauth.flows.list_flow_runs_iter(given["flowId"], limit=1))
    records = list(with_oauth.records.list_records_iter(limit=2))
    not_found = None
    try:
        with_key.runs.get_run(str(uuid.uuid4()))
    except NotFoundError as err:
        not_found = {"status": err.status, "code": err.code, "hasHeaders": "content-type" in err.headers}

    hook = given["webhook"]
    verifier = Webhook(hook["secret"])
    headers = {"webhook-id": hook["id"], "webhook-timestamp": hook["timestamp"], "webhook-signature": hook["signature"]}
    payload = verifier.verify(hook["body"], headers)
    try:
        verifier.verify(hook["body"] + " ", headers)
        tampered = "accepted"
    except WebhookVerificationError:
        tampered = "rejected"

    print(json.dumps({
        "tenant": tenant["code"],
        "integrationId": created["id"],
        "runId": started["runId"],
        "runStatus": run["status"],
        "runs": len(runs),
        "records": len(records),
        "notFound": not_found,
        "webhook": {"type": payload["type"], "tampered": tampered},
    }))


main()
