"""A boto3 Connect client built from the repository's pinned model (model/connect-2017-08-08.json, botocore's
service-2.json with its documentation removed, plus the overlays in model/overlays) instead of the installed botocore's, for the operations the installed
boto3 does not have yet (SearchRules, StartEvaluationFormValidation, GetEvaluationFormValidation, GetCrossRegionRouting, …). Requests are
still serialized and signed by botocore, and errors raise ClientError, exactly as with the stock client."""
import json
import os
import shutil
import tempfile

import boto3
import botocore
import botocore.session

from support import ENDPOINT, NO_RETRIES, require_server

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_data_dir = None


def _data():
    """A botocore data directory holding the pinned model (and the installed endpoint rules, which the model needs)."""
    global _data_dir
    if _data_dir is None:
        root = tempfile.mkdtemp(prefix="connectlocal-model-")
        target = os.path.join(root, "connect", "2017-08-08")
        os.makedirs(target)
        with open(os.path.join(REPO, "model", "connect-2017-08-08.json"), encoding="utf-8") as f:
            model = json.load(f)
        # the overlays (model/overlays: operations newer than the pinned model), merged as the code generator does
        overlays = os.path.join(REPO, "model", "overlays")
        for name in sorted(n for n in os.listdir(overlays) if n.endswith(".json")):
            with open(os.path.join(overlays, name), encoding="utf-8") as f:
                overlay = json.load(f)
            model["operations"].update(overlay["operations"])
            model["shapes"].update(overlay["shapes"])
        with open(os.path.join(target, "service-2.json"), "w", encoding="utf-8") as f:
            json.dump(model, f)
        shutil.copy(os.path.join(REPO, "model", "connect-2017-08-08.paginators.json"), os.path.join(target, "paginators-1.json"))
        installed = os.path.join(os.path.dirname(botocore.__file__), "data", "connect", "2017-08-08", "endpoint-rule-set-1.json.gz")
        shutil.copy(installed, target)
        _data_dir = root
    return _data_dir


def pinned_client(region="us-east-1", account=None):
    """Like support.client, from the pinned model."""
    require_server()
    session = botocore.session.get_session()
    session.get_component("data_loader").search_paths.insert(0, _data())
    return boto3.Session(botocore_session=session).client(
        "connect", endpoint_url=ENDPOINT, region_name=region,
        aws_access_key_id=account or "AKIDEXAMPLE", aws_secret_access_key="secret", config=NO_RETRIES)
