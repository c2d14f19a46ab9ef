"""Vocabularies through boto3 and the aws CLI: the asynchronous creation (CREATION_IN_PROGRESS → ACTIVE, or
CREATION_FAILED with its FailureReason) and deletion (DELETE_IN_PROGRESS → gone) watched move, held with the
/_connectlocal/transitions control endpoint; SearchVocabularies' criteria, default vocabularies per language, tags,
ClientToken idempotency and the model's validation (docs/vocabularies.md).
"""
import contextlib
import json
import time
import urllib.request

import boto3
from botocore.config import Config

from support import ENDPOINT, ConnectTestCase, cli, unique

TABLE = "Phrase\tIPA\tSoundsLike\tDisplayAs\nLos-Angeles\t\t\tLos Angeles\nF.B.I.\tɛ f b i aɪ\t\tFBI\nEtienne\t\teh-tee-en\t\n"
FAKE_ID = "00000000-0000-4000-8000-000000000000"


def control(method, path="", body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{ENDPOINT}/_connectlocal/transitions{path}", data=data, method=method,
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


@contextlib.contextmanager
def held(kind):
    """Holds one transition kind for the block; the release applies what fell due meanwhile."""
    status, _ = control("POST", "/hold", {"kind": kind})
    assert status == 200, status
    try:
        yield
    finally:
        control("POST", "/release", {"kind": kind})


class VocabularyTests(ConnectTestCase):
    def create(self, name=None, content=TABLE, language="en-US", **kwargs):
        return self.connect.create_vocabulary(InstanceId=self.instance_id, VocabularyName=name or unique("vocab"),
                                              LanguageCode=language, Content=content, **kwargs)

    def describe(self, vocabulary_id):
        return self.connect.describe_vocabulary(InstanceId=self.instance_id, VocabularyId=vocabulary_id)["Vocabulary"]

    def wait_state(self, vocabulary_id, wanted, timeout=10):
        state = None
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.describe(vocabulary_id)["State"]
            if state == wanted:
                return
            time.sleep(0.1)
        self.fail(f"vocabulary {vocabulary_id} stayed {state}, never {wanted}")

    def wait_gone(self, vocabulary_id, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                self.describe(vocabulary_id)
            except self.connect.exceptions.ResourceNotFoundException:
                return
            time.sleep(0.1)
        self.fail(f"vocabulary {vocabulary_id} was never removed")

    def active(self, **kwargs):
        vocabulary_id = self.create(**kwargs)["VocabularyId"]
        self.wait_state(vocabulary_id, "ACTIVE")
        return vocabulary_id

    def test_creation_moves_from_in_progress_to_active(self):
        name = unique("vocab")
        with held("vocabulary-create"):
            out = self.create(name=name, Tags={"team": "lens"})
            self.assertEqual("CREATION_IN_PROGRESS", out["State"])
            self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/vocabulary/{out['VocabularyId']}",
                             out["VocabularyArn"])
            pending = self.describe(out["VocabularyId"])
            self.assertEqual("CREATION_IN_PROGRESS", pending["State"])
            self.assertIn("LastModifiedTime", pending)
        self.wait_state(out["VocabularyId"], "ACTIVE")
        v = self.describe(out["VocabularyId"])
        self.assertEqual((name, out["VocabularyId"], out["VocabularyArn"], "en-US", TABLE, {"team": "lens"}),
                         (v["Name"], v["Id"], v["Arn"], v["LanguageCode"], v["Content"], v["Tags"]))
        self.assertNotIn("FailureReason", v)
        self.assertLess(abs(v["LastModifiedTime"].timestamp() - time.time()), 120)

    def test_the_default_delay_is_short(self):
        vocabulary_id = self.create()["VocabularyId"]
        self.wait_state(vocabulary_id, "ACTIVE", timeout=5)

    def test_a_malformed_table_fails_with_its_reason(self):
        out = self.create(content="Phrase\tIPA\tSoundsLike\tDisplayAs\nLos Angeles\t\t\t\n")
        self.assertEqual("CREATION_IN_PROGRESS", out["State"])
        self.wait_state(out["VocabularyId"], "CREATION_FAILED")
        v = self.describe(out["VocabularyId"])
        self.assertEqual("The phrase in row 2 contains a space; join its words with hyphens.", v["FailureReason"])
        summary = self.connect.search_vocabularies(InstanceId=self.instance_id, State="CREATION_FAILED",
                                                   NameStartsWith=v["Name"])["VocabularySummaryList"]
        self.assertEqual([v["FailureReason"]], [s["FailureReason"] for s in summary])
        unknown = self.create(content="Word\tIPA\nhello\t\n")["VocabularyId"]
        self.wait_state(unknown, "CREATION_FAILED")
        self.assertIn("unknown column 'Word'", self.describe(unknown)["FailureReason"])

    def test_deletion_moves_through_delete_in_progress_to_gone(self):
        vocabulary_id = self.active()
        with held("vocabulary-delete"):
            out = self.connect.delete_vocabulary(InstanceId=self.instance_id, VocabularyId=vocabulary_id)
            self.assertEqual(("DELETE_IN_PROGRESS", vocabulary_id), (out["State"], out["VocabularyId"]))
            self.assertEqual("DELETE_IN_PROGRESS", self.describe(vocabulary_id)["State"])
            self.assertError("ResourceInUseException", self.connect.delete_vocabulary,
                             InstanceId=self.instance_id, VocabularyId=vocabulary_id, status=409)
        self.wait_gone(vocabulary_id)
        self.assertError("ResourceNotFoundException", self.connect.delete_vocabulary, InstanceId=self.instance_id,
                         VocabularyId=vocabulary_id, status=404, message="Vocabulary not found")

    def test_a_vocabulary_being_created_cannot_be_deleted(self):
        with held("vocabulary-create"):
            vocabulary_id = self.create()["VocabularyId"]
            self.assertError("ResourceInUseException", self.connect.delete_vocabulary,
                             InstanceId=self.instance_id, VocabularyId=vocabulary_id)
        self.wait_state(vocabulary_id, "ACTIVE")

    def test_search_filters_by_state_name_prefix_and_language_and_pages(self):
        prefix = unique("srch")
        ids = [self.active(name=f"{prefix}-{i}") for i in range(3)]
        german = self.active(name=f"{prefix}-de", language="de-DE")
        found = lambda **kw: sorted(s["Id"] for p in self.connect.get_paginator("search_vocabularies").paginate(  # noqa: E731
            InstanceId=self.instance_id, NameStartsWith=prefix, **kw, PaginationConfig={"PageSize": 2}) for s in p["VocabularySummaryList"])
        self.assertEqual(sorted(ids + [german]), found())
        self.assertEqual(sorted(ids), found(LanguageCode="en-US"))
        self.assertEqual([german], found(LanguageCode="de-DE", State="ACTIVE"))
        self.assertEqual([], found(State="CREATION_FAILED"))
        summary = self.connect.search_vocabularies(InstanceId=self.instance_id, NameStartsWith=f"{prefix}-de")["VocabularySummaryList"]
        self.assertEqual(["Arn", "Id", "LanguageCode", "LastModifiedTime", "Name", "State"], sorted(summary[0]))

    def test_name_prefix_is_case_sensitive(self):
        prefix = unique("Case")
        self.active(name=prefix)
        self.assertEqual([], self.connect.search_vocabularies(InstanceId=self.instance_id, NameStartsWith=prefix.lower())["VocabularySummaryList"])

    def test_defaults_are_kept_per_language(self):
        english, german = self.active(), self.active(language="de-DE")
        self.connect.associate_default_vocabulary(InstanceId=self.instance_id, LanguageCode="en-US", VocabularyId=english)
        self.connect.associate_default_vocabulary(InstanceId=self.instance_id, LanguageCode="de-DE", VocabularyId=german)
        defaults = self.connect.list_default_vocabularies(InstanceId=self.instance_id)["DefaultVocabularyList"]
        by_language = {d["LanguageCode"]: d for d in defaults}
        self.assertEqual(english, by_language["en-US"]["VocabularyId"])
        self.assertEqual(self.describe(english)["Name"], by_language["en-US"]["VocabularyName"])
        self.assertEqual(self.instance_id, by_language["en-US"]["InstanceId"])
        only = self.connect.list_default_vocabularies(InstanceId=self.instance_id, LanguageCode="de-DE")["DefaultVocabularyList"]
        self.assertEqual([german], [d["VocabularyId"] for d in only])
        # a new default replaces the old one; no vocabulary clears it
        other = self.active()
        self.connect.associate_default_vocabulary(InstanceId=self.instance_id, LanguageCode="en-US", VocabularyId=other)
        only = self.connect.list_default_vocabularies(InstanceId=self.instance_id, LanguageCode="en-US")["DefaultVocabularyList"]
        self.assertEqual([other], [d["VocabularyId"] for d in only])
        self.connect.associate_default_vocabulary(InstanceId=self.instance_id, LanguageCode="en-US")
        self.assertEqual([], self.connect.list_default_vocabularies(InstanceId=self.instance_id, LanguageCode="en-US")["DefaultVocabularyList"])

    def test_a_default_must_be_an_active_vocabulary_of_that_language(self):
        german = self.active(language="de-DE")
        self.assertError("InvalidRequestException", self.connect.associate_default_vocabulary, InstanceId=self.instance_id,
                         LanguageCode="en-US", VocabularyId=german, status=400)
        with held("vocabulary-create"):
            pending = self.create()["VocabularyId"]
            self.assertError("InvalidRequestException", self.connect.associate_default_vocabulary, InstanceId=self.instance_id,
                             LanguageCode="en-US", VocabularyId=pending)
        self.assertError("ResourceNotFoundException", self.connect.associate_default_vocabulary, InstanceId=self.instance_id,
                         LanguageCode="en-US", VocabularyId=FAKE_ID, message="Vocabulary not found")

    def test_deleting_the_default_clears_it(self):
        vocabulary_id = self.active(language="fr-FR")
        self.connect.associate_default_vocabulary(InstanceId=self.instance_id, LanguageCode="fr-FR", VocabularyId=vocabulary_id)
        self.connect.delete_vocabulary(InstanceId=self.instance_id, VocabularyId=vocabulary_id)
        self.assertEqual([], self.connect.list_default_vocabularies(InstanceId=self.instance_id, LanguageCode="fr-FR")["DefaultVocabularyList"])

    def test_names_are_unique_in_an_instance(self):
        name = unique("dup")
        self.create(name=name)
        self.assertError("ResourceConflictException", self.create, name=name, status=409)

    def test_a_client_token_returns_the_first_answer_and_refuses_another_request(self):
        token = unique("token")
        name = unique("idem")
        first = self.create(name=name, ClientToken=token)
        again = self.create(name=name, ClientToken=token)
        self.assertEqual(first["VocabularyId"], again["VocabularyId"])
        found = self.connect.search_vocabularies(InstanceId=self.instance_id, NameStartsWith=name)["VocabularySummaryList"]
        self.assertEqual(1, len(found))
        self.assertError("ResourceConflictException", self.create, name=unique("other"), ClientToken=token)

    def test_tags_by_arn(self):
        out = self.create(Tags={"a": "1"})
        arn = out["VocabularyArn"]
        self.connect.tag_resource(resourceArn=arn, tags={"b": "2"})
        self.connect.untag_resource(resourceArn=arn, tagKeys=["a"])
        self.assertEqual({"b": "2"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])
        self.assertEqual({"b": "2"}, self.describe(out["VocabularyId"])["Tags"])

    def test_an_arn_names_the_vocabulary_and_one_of_another_instance_does_not(self):
        out = self.create()
        self.assertEqual(out["VocabularyId"], self.describe(out["VocabularyArn"])["Id"])
        foreign = out["VocabularyArn"].replace(self.instance_id, FAKE_ID)
        self.assertError("ResourceNotFoundException", self.describe, foreign, status=404)

    def test_the_model_s_validation(self):
        raw = boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                           aws_secret_access_key="secret", config=Config(retries={"total_max_attempts": 1, "mode": "standard"},
                                                                         parameter_validation=False))
        create = lambda **kw: raw.create_vocabulary(**{"InstanceId": self.instance_id, "VocabularyName": unique("v"),  # noqa: E731
                                                       "LanguageCode": "en-US", "Content": TABLE, **kw})
        self.assertError("InvalidRequestException", create, LanguageCode="xx-XX", status=400)
        self.assertError("InvalidRequestException", create, VocabularyName=" starts-with-a-space")
        self.assertError("InvalidRequestException", create, VocabularyName="v" * 141)
        self.assertError("InvalidRequestException", create, Content="")
        self.assertError("InvalidRequestException", create, Content="Phrase\n" + "a" * 60001)
        self.assertError("InvalidRequestException", create, ClientToken="t" * 501)
        self.assertError("InvalidRequestException", raw.search_vocabularies, InstanceId=self.instance_id, State="GONE")
        self.assertError("InvalidRequestException", raw.search_vocabularies, InstanceId=self.instance_id, MaxResults=101)
        self.assertError("InvalidRequestException", raw.list_default_vocabularies, InstanceId=self.instance_id, LanguageCode="en")

    def test_content_past_50_kb_is_refused(self):
        big = "Phrase\n" + "\n".join("é" * 9 for _ in range(3000))  # under 60000 characters, over 50 KB in UTF-8
        self.assertLess(len(big), 60000)
        self.assertError("InvalidRequestException", self.create, content=big, status=400,
                         message="Invalid Input. The vocabulary content must not be more than 51200 bytes.")

    def test_missing_instance_and_vocabulary(self):
        self.assertError("ResourceNotFoundException", self.connect.create_vocabulary, InstanceId=FAKE_ID, VocabularyName="x",
                         LanguageCode="en-US", Content=TABLE, message="Instance not found")
        self.assertError("ResourceNotFoundException", self.describe, FAKE_ID, message="Vocabulary not found")

    def test_the_aws_cli(self):
        name = unique("cli")
        out = json.loads(cli("create-vocabulary", "--instance-id", self.instance_id, "--vocabulary-name", name,
                             "--language-code", "en-GB", "--content", TABLE).stdout)
        self.assertEqual("CREATION_IN_PROGRESS", out["State"])
        self.wait_state(out["VocabularyId"], "ACTIVE")
        found = json.loads(cli("search-vocabularies", "--instance-id", self.instance_id, "--name-starts-with", name).stdout)
        self.assertEqual([out["VocabularyId"]], [s["Id"] for s in found["VocabularySummaryList"]])
        described = json.loads(cli("describe-vocabulary", "--instance-id", self.instance_id, "--vocabulary-id", out["VocabularyId"]).stdout)
        self.assertEqual("ACTIVE", described["Vocabulary"]["State"])
