"""Integrations and instance settings through boto3 and the aws CLI (docs/integrations.md): records of associations."""
import json

from support import ConnectTestCase, cli, unique

ACCOUNT = "000000000000"


class IntegrationTests(ConnectTestCase):
    def alias(self):
        return self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["InstanceAlias"]

    def test_lambda_functions_page_by_25_to_the_end_and_repeat_as_a_conflict(self):
        arns = [f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{unique('fn')}" for _ in range(27)]
        for arn in arns:
            self.connect.associate_lambda_function(InstanceId=self.instance_id, FunctionArn=arn)
        pages = list(self.connect.get_paginator("list_lambda_functions").paginate(
            InstanceId=self.instance_id, PaginationConfig={"PageSize": 25}))
        listed = [a for p in pages for a in p["LambdaFunctions"]]
        self.assertEqual(sorted(arns), sorted(listed))
        self.assertEqual(2, len(pages))
        self.assertError("ResourceConflictException", self.connect.associate_lambda_function,
                         InstanceId=self.instance_id, FunctionArn=arns[0], status=409)
        self.assertError("InvalidParameterException", self.connect.list_lambda_functions, InstanceId=self.instance_id, MaxResults=26)
        for arn in arns:
            self.connect.disassociate_lambda_function(InstanceId=self.instance_id, FunctionArn=arn)
        self.assertEqual([], self.connect.list_lambda_functions(InstanceId=self.instance_id)["LambdaFunctions"])
        self.assertError("ResourceNotFoundException", self.connect.disassociate_lambda_function,
                         InstanceId=self.instance_id, FunctionArn=arns[0], status=404)

    def test_an_instance_arn_names_the_instance_and_an_unknown_instance_is_not_found(self):
        arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        origin = "https://" + unique("site") + ".example.com"
        self.connect.associate_approved_origin(InstanceId=arn, Origin=origin)
        self.assertIn(origin, self.connect.list_approved_origins(InstanceId=self.instance_id)["Origins"])
        self.assertError("ResourceConflictException", self.connect.associate_approved_origin, InstanceId=self.instance_id, Origin=origin)
        self.connect.disassociate_approved_origin(InstanceId=self.instance_id, Origin=origin)
        self.assertError("ResourceNotFoundException", self.connect.disassociate_approved_origin, InstanceId=self.instance_id, Origin=origin)
        self.assertError("ResourceNotFoundException", self.connect.list_approved_origins,
                         InstanceId="00000000-0000-4000-8000-000000000000", message="Instance not found")

    def test_lex_v1_and_v2_bots_list_by_version(self):
        alias = f"arn:aws:lex:us-east-1:{ACCOUNT}:bot-alias/{unique('B')}/TSTALIASID"
        name = unique("Orders").replace("-", "_")
        self.connect.associate_bot(InstanceId=self.instance_id, LexV2Bot={"AliasArn": alias})
        self.connect.associate_lex_bot(InstanceId=self.instance_id, LexBot={"Name": name, "LexRegion": "us-east-1"})
        v2 = self.connect.list_bots(InstanceId=self.instance_id, LexVersion="V2", MaxResults=25)["LexBots"]
        v1 = self.connect.list_bots(InstanceId=self.instance_id, LexVersion="V1")["LexBots"]
        self.assertIn({"LexV2Bot": {"AliasArn": alias}}, v2)
        self.assertIn({"LexBot": {"Name": name, "LexRegion": "us-east-1"}}, v1)
        self.assertIn({"Name": name, "LexRegion": "us-east-1"}, self.connect.list_lex_bots(InstanceId=self.instance_id)["LexBots"])
        self.assertError("ResourceConflictException", self.connect.associate_bot, InstanceId=self.instance_id, LexV2Bot={"AliasArn": alias})
        self.connect.disassociate_bot(InstanceId=self.instance_id, LexV2Bot={"AliasArn": alias})
        self.connect.disassociate_lex_bot(InstanceId=self.instance_id, BotName=name, LexRegion="us-east-1")
        self.assertError("ResourceNotFoundException", self.connect.disassociate_bot, InstanceId=self.instance_id, LexV2Bot={"AliasArn": alias})
        self.assertEqual([], self.connect.list_bots(InstanceId=self.instance_id, LexVersion="V2")["LexBots"])

    def test_two_security_keys_per_instance(self):
        keys = [f"-----BEGIN PUBLIC KEY-----\n{unique('k')}\n-----END PUBLIC KEY-----" for _ in range(3)]
        ids = [self.connect.associate_security_key(InstanceId=self.instance_id, Key=k)["AssociationId"] for k in keys[:2]]
        self.assertError("ServiceQuotaExceededException", self.connect.associate_security_key, InstanceId=self.instance_id, Key=keys[2])
        listed = self.connect.list_security_keys(InstanceId=self.instance_id)["SecurityKeys"]
        self.assertEqual(sorted(ids), sorted(k["AssociationId"] for k in listed))
        self.assertTrue(all("CreationTime" in k for k in listed))
        for association_id in ids:
            self.connect.disassociate_security_key(InstanceId=self.instance_id, AssociationId=association_id)
        self.assertError("ResourceNotFoundException", self.connect.disassociate_security_key, InstanceId=self.instance_id, AssociationId=ids[0])

    def test_integration_association_and_use_case_lifecycle(self):
        integration = f"arn:aws:app-integrations:us-east-1:{ACCOUNT}:event-integration/{unique('ev')}"
        created = self.connect.create_integration_association(
            InstanceId=self.instance_id, IntegrationType="EVENT", IntegrationArn=integration,
            SourceApplicationUrl="https://example.com", SourceApplicationName="Example app", SourceType="SALESFORCE", Tags={"a": "b"})
        ia_id = created["IntegrationAssociationId"]
        self.assertEqual(f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{self.instance_id}/integration-association/{ia_id}",
                         created["IntegrationAssociationArn"])
        self.assertError("DuplicateResourceException", self.connect.create_integration_association,
                         InstanceId=self.instance_id, IntegrationType="EVENT", IntegrationArn=integration,
                         SourceApplicationUrl="https://example.com", SourceApplicationName="Example app", SourceType="SALESFORCE")
        listed = self.connect.list_integration_associations(InstanceId=self.instance_id, IntegrationArn=integration)["IntegrationAssociationSummaryList"]
        self.assertEqual([{"IntegrationAssociationId": ia_id, "IntegrationAssociationArn": created["IntegrationAssociationArn"],
                           "InstanceId": self.instance_id, "IntegrationType": "EVENT", "IntegrationArn": integration,
                           "SourceApplicationUrl": "https://example.com", "SourceApplicationName": "Example app", "SourceType": "SALESFORCE"}], listed)
        self.assertEqual({"a": "b"}, self.connect.list_tags_for_resource(resourceArn=created["IntegrationAssociationArn"])["tags"])

        use_case = self.connect.create_use_case(InstanceId=self.instance_id, IntegrationAssociationId=ia_id, UseCaseType="RULES_EVALUATION")
        self.assertEqual(f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{self.instance_id}/use-case/{use_case['UseCaseId']}", use_case["UseCaseArn"])
        self.assertError("DuplicateResourceException", self.connect.create_use_case,
                         InstanceId=self.instance_id, IntegrationAssociationId=ia_id, UseCaseType="RULES_EVALUATION")
        cases = self.connect.list_use_cases(InstanceId=self.instance_id, IntegrationAssociationId=ia_id)["UseCaseSummaryList"]
        self.assertEqual([{"UseCaseId": use_case["UseCaseId"], "UseCaseArn": use_case["UseCaseArn"], "UseCaseType": "RULES_EVALUATION"}], cases)
        self.assertError("InvalidRequestException", self.connect.delete_integration_association, InstanceId=self.instance_id, IntegrationAssociationId=ia_id)
        self.connect.delete_use_case(InstanceId=self.instance_id, IntegrationAssociationId=ia_id, UseCaseId=use_case["UseCaseId"])
        self.connect.delete_integration_association(InstanceId=self.instance_id, IntegrationAssociationId=ia_id)
        self.assertError("ResourceNotFoundException", self.connect.delete_integration_association, InstanceId=self.instance_id, IntegrationAssociationId=ia_id)
        self.assertError("ResourceNotFoundException", self.connect.list_use_cases, InstanceId=self.instance_id, IntegrationAssociationId=ia_id)

    def test_kinesis_video_stream_prefix_is_returned_as_aws_forms_it(self):
        config = {"StorageType": "KINESIS_VIDEO_STREAM", "KinesisVideoStreamConfig": {
            "Prefix": "media", "RetentionPeriodHours": 0, "EncryptionConfig": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesisvideo"}}}
        association_id = self.connect.associate_instance_storage_config(
            InstanceId=self.instance_id, ResourceType="MEDIA_STREAMS", StorageConfig=config)["AssociationId"]
        read = self.connect.describe_instance_storage_config(
            InstanceId=self.instance_id, AssociationId=association_id, ResourceType="MEDIA_STREAMS")["StorageConfig"]
        self.assertEqual(f"media-connect-{self.alias()}-contact-", read["KinesisVideoStreamConfig"]["Prefix"])
        self.assertEqual(association_id, read["AssociationId"])
        self.assertError("ResourceConflictException", self.connect.associate_instance_storage_config,
                         InstanceId=self.instance_id, ResourceType="MEDIA_STREAMS", StorageConfig=config)
        self.connect.disassociate_instance_storage_config(InstanceId=self.instance_id, AssociationId=association_id, ResourceType="MEDIA_STREAMS")
        self.assertError("ResourceNotFoundException", self.connect.describe_instance_storage_config,
                         InstanceId=self.instance_id, AssociationId=association_id, ResourceType="MEDIA_STREAMS")

    def test_storage_config_lifecycle_with_the_cli(self):
        config = json.dumps({"StorageType": "S3", "S3Config": {"BucketName": "connect-recordings", "BucketPrefix": "calls"}})
        created = json.loads(cli("associate-instance-storage-config", "--instance-id", self.instance_id,
                                 "--resource-type", "CALL_RECORDINGS", "--storage-config", config).stdout)
        association_id = created["AssociationId"]
        updated = json.dumps({"StorageType": "S3", "S3Config": {"BucketName": "connect-recordings-2", "BucketPrefix": "calls"}})
        cli("update-instance-storage-config", "--instance-id", self.instance_id, "--association-id", association_id,
            "--resource-type", "CALL_RECORDINGS", "--storage-config", updated)
        listed = json.loads(cli("list-instance-storage-configs", "--instance-id", self.instance_id, "--resource-type", "CALL_RECORDINGS").stdout)
        self.assertEqual([{"AssociationId": association_id, "StorageType": "S3",
                           "S3Config": {"BucketName": "connect-recordings-2", "BucketPrefix": "calls"}}], listed["StorageConfigs"])
        cli("disassociate-instance-storage-config", "--instance-id", self.instance_id, "--association-id", association_id,
            "--resource-type", "CALL_RECORDINGS")
        missing = cli("describe-instance-storage-config", "--instance-id", self.instance_id, "--association-id", association_id,
                      "--resource-type", "CALL_RECORDINGS", check=False)
        self.assertNotEqual(0, missing.returncode)
        self.assertIn("ResourceNotFoundException", missing.stderr)

    def test_lambda_and_origins_with_the_cli(self):
        arn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{unique('cli')}"
        cli("associate-lambda-function", "--instance-id", self.instance_id, "--function-arn", arn)
        listed = json.loads(cli("list-lambda-functions", "--instance-id", self.instance_id).stdout)
        self.assertIn(arn, listed["LambdaFunctions"])
        cli("disassociate-lambda-function", "--instance-id", self.instance_id, "--function-arn", arn)
        again = cli("disassociate-lambda-function", "--instance-id", self.instance_id, "--function-arn", arn, check=False)
        self.assertIn("ResourceNotFoundException", again.stderr)
