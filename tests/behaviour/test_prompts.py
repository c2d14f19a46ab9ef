"""Prompts through boto3 and the aws CLI: a resource family added by declaration (docs/development.md)."""
import json

from support import ConnectTestCase, cli, unique

DEFAULTS = ["Beep.wav", "CustomerHold.wav", "CustomerQueue.wav", "Music_Jazz_MyTimetoFly_Inst.wav",
            "Music_Pop_ThisAndThatIsLife_Inst.wav", "Music_Pop_ThrowYourselfInFrontOfIt_Inst.wav",
            "Music_Rock_EverywhereTheSunShines_Inst.wav"]


class PromptTests(ConnectTestCase):
    def create(self, name=None, uri="s3://prompts-bucket/greetings/hello.wav", **kwargs):
        return self.connect.create_prompt(InstanceId=self.instance_id, Name=name or unique("prompt"), S3Uri=uri, **kwargs)

    def describe(self, prompt_id):
        return self.connect.describe_prompt(InstanceId=self.instance_id, PromptId=prompt_id)["Prompt"]

    def all_summaries(self, **kwargs):
        pages = self.connect.get_paginator("list_prompts").paginate(InstanceId=self.instance_id, **kwargs)
        return [s for p in pages for s in p["PromptSummaryList"]]

    def test_a_new_instance_lists_the_default_prompts(self):
        names = [s["Name"] for s in self.all_summaries()]
        for name in DEFAULTS:
            self.assertIn(name, names)
        beep = next(s for s in self.all_summaries() if s["Name"] == "Beep.wav")
        self.assertIn(f"instance/{self.instance_id}/prompt/{beep['Id']}", beep["Arn"])

    def test_create_describe_update_and_delete(self):
        name = unique("hello")
        out = self.create(name=name, Description="greeting", Tags={"lang": "en"})
        prompt_id = out["PromptId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:000000000000:instance/{self.instance_id}/prompt/{prompt_id}", out["PromptARN"])
        prompt = self.describe(prompt_id)
        self.assertEqual((prompt_id, out["PromptARN"], name, "greeting", {"lang": "en"}, "us-east-1"),
                         (prompt["PromptId"], prompt["PromptARN"], prompt["Name"], prompt["Description"], prompt["Tags"],
                          prompt["LastModifiedRegion"]))
        self.assertNotIn("S3Uri", prompt)  # the model's Prompt shape has no S3Uri
        updated = self.connect.update_prompt(InstanceId=self.instance_id, PromptId=prompt_id, Description="welcome")
        self.assertEqual((prompt_id, out["PromptARN"]), (updated["PromptId"], updated["PromptARN"]))
        self.assertEqual((name, "welcome"), (self.describe(prompt_id)["Name"], self.describe(prompt_id)["Description"]))
        self.connect.delete_prompt(InstanceId=self.instance_id, PromptId=prompt_id)
        self.assertError("ResourceNotFoundException", self.describe, prompt_id, status=404, message="Prompt not found")

    def test_names_are_unique_and_a_refused_create_stores_nothing(self):
        name = unique("dup")
        self.create(name=name)
        self.assertError("DuplicateResourceException", self.create, name=name, status=409,
                         message=f"Prompt with name '{name}' already exists")
        self.assertEqual(1, [s["Name"] for s in self.all_summaries()].count(name))

    def test_an_s3_uri_outside_the_model_pattern_is_refused(self):
        self.assertError("InvalidParameterException", self.create, uri="ftp://example.com/a.wav", status=400)

    def test_get_prompt_file_answers_the_uploaded_object_url(self):
        prompt_id = self.create(uri="s3://prompts-bucket/greetings/hello.wav")["PromptId"]
        out = self.connect.get_prompt_file(InstanceId=self.instance_id, PromptId=prompt_id)
        self.assertEqual("https://prompts-bucket.s3.us-east-1.amazonaws.com/greetings/hello.wav", out["PromptPresignedUrl"])
        self.assertEqual("us-east-1", out["LastModifiedRegion"])
        self.assertError("ResourceNotFoundException", self.connect.get_prompt_file, InstanceId=self.instance_id, PromptId="nope")

    def test_search_by_name_and_tag(self):
        name = unique("Searchable")
        prompt_id = self.create(name=name, Tags={"tier": "gold"})["PromptId"]
        out = self.connect.search_prompts(
            InstanceId=self.instance_id,
            SearchCriteria={"StringCondition": {"FieldName": "name", "Value": name.lower(), "ComparisonType": "CONTAINS"}},
            SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "tier", "TagValue": "gold"}}})
        self.assertEqual([prompt_id], [p["PromptId"] for p in out["Prompts"]])
        self.assertEqual(1, out["ApproximateTotalCount"])

    def test_pages_return_each_prompt_once_and_tags_work_by_arn(self):
        made = {self.create()["PromptId"] for _ in range(4)}
        ids = [s["Id"] for s in self.all_summaries(PaginationConfig={"PageSize": 3})]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertLessEqual(made, set(ids))
        arn = self.describe(next(iter(made)))["PromptARN"]
        self.connect.tag_resource(resourceArn=arn, tags={"a": "1"})
        self.assertEqual({"a": "1"}, self.connect.list_tags_for_resource(resourceArn=arn)["tags"])

    def test_the_aws_cli_creates_lists_and_deletes(self):
        name = unique("cli")
        created = json.loads(cli("create-prompt", "--instance-id", self.instance_id, "--name", name,
                                 "--s3-uri", "s3://bucket/key.wav").stdout)
        listed = json.loads(cli("list-prompts", "--instance-id", self.instance_id).stdout)
        self.assertIn(created["PromptId"], [s["Id"] for s in listed["PromptSummaryList"]])
        cli("delete-prompt", "--instance-id", self.instance_id, "--prompt-id", created["PromptId"])
        gone = cli("describe-prompt", "--instance-id", self.instance_id, "--prompt-id", created["PromptId"], check=False)
        self.assertIn("ResourceNotFoundException", gone.stderr)
