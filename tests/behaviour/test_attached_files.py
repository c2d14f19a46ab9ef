"""Attached files through boto3, plain HTTP and the aws CLI: StartAttachedFileUpload hands out an upload URL on this
server, a PUT to it stores the bytes, CompleteAttachedFileUpload approves them, GetAttachedFile hands out a download
URL whose GET answers the same bytes, DeleteAttachedFile removes them; the attached files configuration of each
AttachmentScope (defaults, partial updates) decides which extensions and sizes a new file may have; and every error
of the operations and of the URLs (docs/attached-files.md).
"""
import json
import time
import urllib.error
import urllib.request
import uuid

import boto3
from botocore.config import Config

import support
from support import ENDPOINT, ConnectTestCase, cli, unique

MB = 1024 * 1024
DEFAULT_EXTENSIONS = ["csv", "doc", "docx", "heic", "jfif", "jpeg", "jpg", "mov", "mp4", "pdf", "png", "ppt", "pptx", "rtf", "txt",
                      "wav", "xls", "xlsx"]


def http(method, url, body=None, headers=None):
    """(status, headers, body bytes) of a plain HTTP request, as curl or requests would make it."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def raw_client():
    """A client that does not check the model's constraints itself, so that the server's checks are what answers."""
    support.require_server()
    return boto3.client("connect", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                        aws_secret_access_key="secret",
                        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False))


class AttachedFileTestCase(ConnectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.raw = raw_client()
        instance = cls.connect.describe_instance(InstanceId=cls.instance_id)["Instance"]
        cls.account = instance["Arn"].split(":")[4]
        flows = {f["Name"]: f["Id"] for f in cls.connect.list_contact_flows(InstanceId=cls.instance_id, MaxResults=100)["ContactFlowSummaryList"]}
        cls.flow = flows["Sample inbound flow (first contact experience)"]

    def task_arn(self):
        contact_id = self.connect.start_task_contact(InstanceId=self.instance_id, Name=unique("task"), ContactFlowId=self.flow)["ContactId"]
        return self.contact_arn(contact_id)

    def contact_arn(self, contact_id, instance_id=None):
        return f"arn:aws:connect:us-east-1:{self.account}:instance/{instance_id or self.instance_id}/contact/{contact_id}"

    def case_arn(self, account=None):
        return f"arn:aws:cases:us-east-1:{account or self.account}:domain/{uuid.uuid4()}/case/{uuid.uuid4()}"

    def start(self, arn, name="notes.txt", size=5, **kwargs):
        return self.connect.start_attached_file_upload(InstanceId=self.instance_id, FileName=name, FileSizeInBytes=size,
                                                       FileUseCaseType="ATTACHMENT", AssociatedResourceArn=arn, **kwargs)

    def uploaded(self, arn, content=b"hello", name="notes.txt"):
        """A file started, uploaded and completed; its FileId."""
        started = self.start(arn, name=name, size=len(content))
        status, _, _ = http("PUT", started["UploadUrlMetadata"]["Url"], content)
        self.assertEqual(200, status)
        self.connect.complete_attached_file_upload(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)
        return started["FileId"]

    def assertReason(self, error, reason, key="AttachedFileInvalidRequestExceptionReason"):
        self.assertEqual({key: reason}, error.response.get("Reason"), error.response)

    def assertS3Error(self, result, status, code):
        self.assertEqual(status, result[0], result)
        self.assertIn("xml", result[1]["Content-Type"])
        self.assertIn(f"<Code>{code}</Code>".encode(), result[2])


class AttachedFileRoundTripTests(AttachedFileTestCase):
    def test_upload_complete_get_download_and_delete_with_real_http(self):
        arn = self.task_arn()
        content = bytes(range(256)) * 40 + b"\x00end"
        started = self.start(arn, name="Report 2026.PDF", size=len(content), Tags={"team": "support"})
        self.assertEqual("PROCESSING", started["FileStatus"])
        self.assertEqual(f"arn:aws:connect:us-east-1:{self.account}:instance/{self.instance_id}/file/{started['FileId']}", started["FileArn"])
        upload = started["UploadUrlMetadata"]
        self.assertTrue(upload["Url"].startswith(f"{ENDPOINT}/_connectlocal/attached-files/"), upload["Url"])
        self.assertEqual({}, upload.get("HeadersToInclude", {}))
        self.assertRegex(upload["UrlExpiry"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertRegex(started["CreationTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual({"AWSIdentityArn": f"arn:aws:iam::{self.account}:root"}, started["CreatedBy"])

        before = self.connect.get_attached_file(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)
        self.assertEqual("PROCESSING", before["FileStatus"])
        self.assertNotIn("DownloadUrlMetadata", before)

        status, _, _ = http("PUT", upload["Url"], content, {"Content-Type": "application/pdf"})
        self.assertEqual(200, status)
        self.connect.complete_attached_file_upload(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)

        got = self.connect.get_attached_file(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn, UrlExpiryInSeconds=60)
        self.assertEqual("APPROVED", got["FileStatus"])
        self.assertEqual(("Report 2026.PDF", len(content), arn, "ATTACHMENT"),
                         (got["FileName"], got["FileSizeInBytes"], got["AssociatedResourceArn"], got["FileUseCaseType"]))
        self.assertEqual({"team": "support"}, got["Tags"])
        download = got["DownloadUrlMetadata"]
        status, headers, body = http("GET", download["Url"])
        self.assertEqual(200, status)
        self.assertEqual(content, body)
        self.assertIn("attachment", headers["Content-Disposition"])

        batch = self.connect.batch_get_attached_file_metadata(InstanceId=self.instance_id, FileIds=[started["FileId"]], AssociatedResourceArn=arn)
        self.assertEqual([started["FileId"]], [f["FileId"] for f in batch["Files"]])
        self.assertEqual("APPROVED", batch["Files"][0]["FileStatus"])
        self.assertEqual([], batch.get("Errors", []))

        self.connect.delete_attached_file(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)
        self.assertError("ResourceNotFoundException", self.connect.get_attached_file, InstanceId=self.instance_id,
                         FileId=started["FileId"], AssociatedResourceArn=arn, message="File not found")
        self.assertS3Error(http("GET", download["Url"]), 404, "NoSuchKey")
        self.assertError("ResourceNotFoundException", self.connect.delete_attached_file, InstanceId=self.instance_id,
                         FileId=started["FileId"], AssociatedResourceArn=arn)

    def test_a_case_takes_files_by_its_arn_and_the_aws_cli_reads_them(self):
        arn = self.case_arn()
        file_id = self.uploaded(arn, b"case notes", name="case.csv")
        out = json.loads(cli("get-attached-file", "--instance-id", self.instance_id, "--file-id", file_id, "--associated-resource-arn", arn).stdout)
        self.assertEqual("APPROVED", out["FileStatus"])
        status, _, body = http("GET", out["DownloadUrlMetadata"]["Url"])
        self.assertEqual((200, b"case notes"), (status, body))

    def test_completing_without_an_upload_is_an_invalid_request_and_the_file_stays_processing(self):
        arn = self.task_arn()
        started = self.start(arn)
        error = self.assertError("InvalidRequestException", self.connect.complete_attached_file_upload, InstanceId=self.instance_id,
                                 FileId=started["FileId"], AssociatedResourceArn=arn, status=400)
        self.assertIn("has not been uploaded", error.response["Error"]["Message"])
        got = self.connect.get_attached_file(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)
        self.assertEqual("PROCESSING", got["FileStatus"])

    def test_an_upload_shorter_than_declared_cannot_be_completed(self):
        arn = self.task_arn()
        started = self.start(arn, size=10)
        self.assertEqual(200, http("PUT", started["UploadUrlMetadata"]["Url"], b"short")[0])
        error = self.assertError("InvalidRequestException", self.connect.complete_attached_file_upload, InstanceId=self.instance_id,
                                 FileId=started["FileId"], AssociatedResourceArn=arn)
        self.assertReason(error, "INVALID_FILE_SIZE")
        # a second PUT before completion replaces the first; then it completes
        self.assertEqual(200, http("PUT", started["UploadUrlMetadata"]["Url"], b"0123456789")[0])
        self.connect.complete_attached_file_upload(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)
        # completing again changes nothing
        self.connect.complete_attached_file_upload(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)

    def test_the_upload_url_refuses_a_body_larger_than_declared_an_expired_url_a_forged_one_and_a_completed_file(self):
        arn = self.task_arn()
        started = self.start(arn, size=4)
        url = started["UploadUrlMetadata"]["Url"]
        self.assertS3Error(http("PUT", url, b"12345"), 400, "EntityTooLarge")
        self.assertS3Error(http("PUT", url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB"), b"1234"), 403, "SignatureDoesNotMatch")
        self.assertS3Error(http("PUT", f"{ENDPOINT}/_connectlocal/attached-files/nonsense", b"1234"), 403, "SignatureDoesNotMatch")
        self.assertEqual(200, http("PUT", url, b"1234")[0])
        self.connect.complete_attached_file_upload(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)
        self.assertS3Error(http("PUT", url, b"4321"), 403, "AccessDenied")
        # a download URL is not an upload URL
        download = self.connect.get_attached_file(InstanceId=self.instance_id, FileId=started["FileId"], AssociatedResourceArn=arn)["DownloadUrlMetadata"]["Url"]
        self.assertS3Error(http("PUT", download, b"4321"), 403, "SignatureDoesNotMatch")
        self.assertEqual(b"1234", http("GET", download)[2])

        short = self.start(arn, UrlExpiryInSeconds=5)
        self.assertS3Error(http("GET", short["UploadUrlMetadata"]["Url"]), 403, "SignatureDoesNotMatch")
        time.sleep(6)
        result = http("PUT", short["UploadUrlMetadata"]["Url"], b"hello")
        self.assertS3Error(result, 403, "AccessDenied")
        self.assertIn(b"Request has expired", result[2])

    def test_a_repeated_client_token_answers_the_same_file_and_a_changed_request_conflicts(self):
        arn = self.task_arn()
        token = str(uuid.uuid4())
        first = self.start(arn, ClientToken=token)
        again = self.start(arn, ClientToken=token)
        self.assertEqual(first["FileId"], again["FileId"])
        self.assertError("ResourceConflictException", self.start, arn, name="other.txt", ClientToken=token, status=409)


class AttachedFileErrorTests(AttachedFileTestCase):
    def test_only_the_attachment_use_case_is_supported(self):
        self.assertError("InvalidRequestException", self.connect.start_attached_file_upload, InstanceId=self.instance_id, FileName="a.txt",
                         FileSizeInBytes=5, FileUseCaseType="EMAIL_MESSAGE", AssociatedResourceArn=self.case_arn())

    def test_the_associated_resource_must_be_a_case_or_a_task_or_email_contact_of_the_instance(self):
        chat = self.connect.start_chat_contact(InstanceId=self.instance_id, ContactFlowId=self.flow,
                                               ParticipantDetails={"DisplayName": "c"})["ContactId"]
        error = self.assertError("InvalidRequestException", self.start, self.contact_arn(chat))
        self.assertIn("CHAT contact", error.response["Error"]["Message"])
        error = self.assertError("InvalidRequestException", self.start, self.contact_arn(str(uuid.uuid4())))
        self.assertIn("not found", error.response["Error"]["Message"])
        other = support.create_instance(self.connect)
        try:
            task = self.connect.start_task_contact(InstanceId=other, Name="t", ContactFlowId=self.flow_of(other))["ContactId"]
            self.assertError("InvalidRequestException", self.start, self.contact_arn(task, other))
            # the ARN names this instance but the contact is the other instance's
            self.assertError("InvalidRequestException", self.start, self.contact_arn(task))
        finally:
            self.connect.delete_instance(InstanceId=other)
        for arn in ["not-an-arn", f"arn:aws:connect:us-east-1:{self.account}:instance/{self.instance_id}/queue/{uuid.uuid4()}",
                    self.case_arn(account="123456789012"), f"arn:aws:cases:us-west-2:{self.account}:domain/d/case/c",
                    f"arn:aws:cases:us-east-1:{self.account}:domain/d"]:
            with self.subTest(arn=arn):
                self.assertError("InvalidRequestException", self.start, arn)
        for call in (self.connect.get_attached_file, self.connect.complete_attached_file_upload, self.connect.delete_attached_file):
            with self.subTest(operation=call.__name__):
                self.assertError("InvalidRequestException", call, InstanceId=self.instance_id, FileId=str(uuid.uuid4()), AssociatedResourceArn="not-an-arn")

    def flow_of(self, instance_id):
        flows = self.connect.list_contact_flows(InstanceId=instance_id, MaxResults=100)["ContactFlowSummaryList"]
        return next(f["Id"] for f in flows if f["Name"] == "Sample inbound flow (first contact experience)")

    def test_a_file_is_found_only_through_its_own_resource(self):
        arn, other = self.task_arn(), self.task_arn()
        file_id = self.uploaded(arn)
        for call in (self.connect.get_attached_file, self.connect.complete_attached_file_upload, self.connect.delete_attached_file):
            with self.subTest(operation=call.__name__):
                self.assertError("ResourceNotFoundException", call, InstanceId=self.instance_id, FileId=file_id, AssociatedResourceArn=other, status=404)
        unknown = str(uuid.uuid4())
        batch = self.connect.batch_get_attached_file_metadata(InstanceId=self.instance_id, FileIds=[file_id, unknown], AssociatedResourceArn=other)
        self.assertEqual([], batch.get("Files", []))
        self.assertEqual([file_id, unknown], [e["FileId"] for e in batch["Errors"]])
        self.assertEqual({"ResourceNotFoundException"}, {e["ErrorCode"] for e in batch["Errors"]})
        self.connect.get_attached_file(InstanceId=self.instance_id, FileId=file_id, AssociatedResourceArn=arn)

    def test_another_account_sees_a_file_as_an_unknown_id(self):
        arn = self.task_arn()
        file_id = self.uploaded(arn)
        other = support.client(account="765432109876")
        theirs = support.create_instance(other)
        try:
            their_arn = f"arn:aws:cases:us-east-1:765432109876:domain/d/case/c"
            answers = [other.batch_get_attached_file_metadata(InstanceId=theirs, FileIds=[i], AssociatedResourceArn=their_arn)["Errors"][0]
                       for i in (file_id, "00000000-0000-4000-8000-000000000000")]
            self.assertEqual(answers[0]["ErrorMessage"].replace(file_id, "<id>"), answers[1]["ErrorMessage"].replace(answers[1]["FileId"], "<id>"))
            with self.assertRaises(other.exceptions.ResourceNotFoundException):
                other.get_attached_file(InstanceId=self.instance_id, FileId=file_id, AssociatedResourceArn=arn)
        finally:
            other.delete_instance(InstanceId=theirs)

    def test_batch_get_takes_one_to_one_hundred_ids(self):
        arn = self.case_arn()
        for ids in ([], [str(uuid.uuid4()) for _ in range(101)]):
            with self.subTest(count=len(ids)):
                with self.assertRaises(self.raw.exceptions.InvalidRequestException):
                    self.raw.batch_get_attached_file_metadata(InstanceId=self.instance_id, FileIds=ids, AssociatedResourceArn=arn)
        batch = self.connect.batch_get_attached_file_metadata(InstanceId=self.instance_id, FileIds=[str(uuid.uuid4()) for _ in range(100)],
                                                              AssociatedResourceArn=arn)
        self.assertEqual(100, len(batch["Errors"]))

    def test_the_model_constraints_of_start_are_enforced(self):
        arn = self.case_arn()
        bad = [dict(UrlExpiryInSeconds=4), dict(UrlExpiryInSeconds=301), dict(FileSizeInBytes=0), dict(FileName=""),
               dict(FileName="a\u0007.txt"), dict(FileName="x" * 253 + ".txt"), dict(FileUseCaseType="PHOTO")]
        for change in bad:
            with self.subTest(change=change):
                args = dict(InstanceId=self.instance_id, FileName="a.txt", FileSizeInBytes=5, FileUseCaseType="ATTACHMENT", AssociatedResourceArn=arn)
                args.update(change)
                with self.assertRaises(self.raw.exceptions.InvalidRequestException):
                    self.raw.start_attached_file_upload(**args)
        with self.assertRaises(self.raw.exceptions.InvalidRequestException):
            self.raw.get_attached_file(InstanceId=self.instance_id, FileId="f", AssociatedResourceArn=arn, UrlExpiryInSeconds=301)

    def test_unknown_instance_is_not_found_where_modelled(self):
        missing = str(uuid.uuid4())
        arn = self.case_arn()
        self.assertError("ResourceNotFoundException", self.connect.get_attached_file, InstanceId=missing, FileId="f", AssociatedResourceArn=arn)
        self.assertError("ResourceNotFoundException", self.connect.describe_attached_files_configuration, InstanceId=missing, AttachmentScope="CASE")
        self.assertError("ResourceNotFoundException", self.connect.list_attached_files_configurations, InstanceId=missing)
        self.assertError("ResourceNotFoundException", self.connect.update_attached_files_configuration, InstanceId=missing, AttachmentScope="CASE",
                         MaximumSizeLimitInBytes=10)
        # StartAttachedFileUpload models no ResourceNotFoundException
        with self.assertRaises(self.connect.exceptions.InvalidRequestException):
            self.connect.start_attached_file_upload(InstanceId=missing, FileName="a.txt", FileSizeInBytes=5, FileUseCaseType="ATTACHMENT",
                                                    AssociatedResourceArn=arn)

    def test_created_by_names_a_user_of_the_instance_and_never_an_identity(self):
        arn = self.case_arn()
        user = f"arn:aws:connect:us-east-1:{self.account}:instance/{self.instance_id}/agent/{uuid.uuid4()}"
        started = self.start(arn, CreatedBy={"ConnectUserArn": user})
        self.assertEqual({"ConnectUserArn": user}, started["CreatedBy"])
        self.assertError("InvalidRequestException", self.start, arn, CreatedBy={"AWSIdentityArn": f"arn:aws:iam::{self.account}:user/x"})
        self.assertError("InvalidRequestException", self.start, arn, CreatedBy={"ConnectUserArn": f"arn:aws:connect:us-east-1:{self.account}:instance/x/agent/y"})

    def test_a_resource_holds_at_most_one_hundred_files_and_one_gib(self):
        arn = self.case_arn()
        for _ in range(100):
            self.start(arn, size=1)
        error = self.assertError("ServiceQuotaExceededException", self.start, arn, size=1, status=402)
        self.assertReason(error, "TOTAL_FILE_COUNT_EXCEEDED", key="AttachedFileServiceQuotaExceededExceptionReason")
        self.connect.update_attached_files_configuration(InstanceId=self.instance_id, AttachmentScope="CASE", MaximumSizeLimitInBytes=100 * MB)
        big = self.case_arn()
        for _ in range(10):
            self.start(big, size=100 * MB)
        error = self.assertError("ServiceQuotaExceededException", self.start, big, size=100 * MB)
        self.assertReason(error, "TOTAL_FILE_SIZE_EXCEEDED", key="AttachedFileServiceQuotaExceededExceptionReason")


class AttachedFilesConfigurationTests(AttachedFileTestCase):
    def test_every_scope_has_the_defaults_until_it_is_updated(self):
        described = self.connect.describe_attached_files_configuration(InstanceId=self.instance_id, AttachmentScope="EMAIL")["AttachedFilesConfiguration"]
        self.assertEqual({"InstanceId": self.instance_id, "AttachmentScope": "EMAIL", "MaximumSizeLimitInBytes": 20 * MB,
                          "ExtensionConfiguration": {"AllowedExtensions": [{"Extension": e} for e in DEFAULT_EXTENSIONS]}}, described)
        listed = self.connect.list_attached_files_configurations(InstanceId=self.instance_id)["AttachedFilesConfigurations"]
        self.assertEqual(["CASE", "CHAT", "EMAIL", "TASK"], [c["AttachmentScope"] for c in listed])
        paged = self.connect.list_attached_files_configurations(InstanceId=self.instance_id, MaxResults=3)
        self.assertEqual(3, len(paged["AttachedFilesConfigurations"]))
        rest = self.connect.list_attached_files_configurations(InstanceId=self.instance_id, MaxResults=3, NextToken=paged["NextToken"])
        self.assertEqual(["TASK"], [c["AttachmentScope"] for c in rest["AttachedFilesConfigurations"]])
        out = json.loads(cli("describe-attached-files-configuration", "--instance-id", self.instance_id, "--attachment-scope", "CHAT").stdout)
        self.assertEqual(20 * MB, out["AttachedFilesConfiguration"]["MaximumSizeLimitInBytes"])

    def test_an_update_changes_only_what_it_gives(self):
        instance = support.create_instance(self.connect)
        try:
            updated = self.connect.update_attached_files_configuration(InstanceId=instance, AttachmentScope="CHAT", MaximumSizeLimitInBytes=MB)
            self.assertEqual((instance, "CHAT", MB), (updated["InstanceId"], updated["AttachmentScope"], updated["MaximumSizeLimitInBytes"]))
            self.assertEqual([{"Extension": e} for e in DEFAULT_EXTENSIONS], updated["ExtensionConfiguration"]["AllowedExtensions"])
            self.assertIn("LastModifiedTime", updated)
            self.connect.update_attached_files_configuration(InstanceId=instance, AttachmentScope="CHAT",
                                                             ExtensionConfiguration={"AllowedExtensions": [{"Extension": "pdf"}, {"Extension": "Log_1"}]})
            described = self.connect.describe_attached_files_configuration(InstanceId=instance, AttachmentScope="CHAT")["AttachedFilesConfiguration"]
            self.assertEqual(MB, described["MaximumSizeLimitInBytes"])
            self.assertEqual([{"Extension": "pdf"}, {"Extension": "Log_1"}], described["ExtensionConfiguration"]["AllowedExtensions"])
            listed = {c["AttachmentScope"]: c for c in self.connect.list_attached_files_configurations(InstanceId=instance)["AttachedFilesConfigurations"]}
            self.assertEqual(MB, listed["CHAT"]["MaximumSizeLimitInBytes"])
            self.assertEqual(20 * MB, listed["TASK"]["MaximumSizeLimitInBytes"])
        finally:
            self.connect.delete_instance(InstanceId=instance)

    def test_an_update_outside_the_model_is_an_invalid_parameter(self):
        for args in (dict(MaximumSizeLimitInBytes=0), dict(MaximumSizeLimitInBytes=100 * MB + 1),
                     dict(ExtensionConfiguration={"AllowedExtensions": [{"Extension": ".pdf"}]}),
                     dict(ExtensionConfiguration={"AllowedExtensions": [{"Extension": "toolongext1"}]}),
                     dict(ExtensionConfiguration={"AllowedExtensions": [{"Extension": "pdf"}, {"Extension": "PDF"}]})):
            with self.subTest(args=args):
                with self.assertRaises(self.raw.exceptions.InvalidParameterException):
                    self.raw.update_attached_files_configuration(InstanceId=self.instance_id, AttachmentScope="TASK", **args)
        with self.assertRaises(self.raw.exceptions.InvalidParameterException):
            self.raw.describe_attached_files_configuration(InstanceId=self.instance_id, AttachmentScope="FAX")

    def test_start_checks_the_extension_and_size_against_the_scope_of_the_resource(self):
        instance = self.instance_id
        self.connect.update_attached_files_configuration(InstanceId=instance, AttachmentScope="TASK", MaximumSizeLimitInBytes=1000,
                                                         ExtensionConfiguration={"AllowedExtensions": [{"Extension": "PDF"}]})
        try:
            task = self.task_arn()
            self.start(task, name="scan.pdf", size=1000)
            error = self.assertError("InvalidRequestException", self.start, task, name="notes.txt")
            self.assertReason(error, "INVALID_FILE_TYPE")
            error = self.assertError("InvalidRequestException", self.start, task, name="scan.pdf", size=1001)
            self.assertReason(error, "INVALID_FILE_SIZE")
            # a case is in the CASE scope, which still has the defaults
            self.start(self.case_arn(), name="notes.txt", size=20 * MB)
            error = self.assertError("InvalidRequestException", self.start, self.case_arn(), name="notes.txt", size=20 * MB + 1)
            self.assertReason(error, "INVALID_FILE_SIZE")
            error = self.assertError("InvalidRequestException", self.start, self.case_arn(), name="program.exe")
            self.assertReason(error, "INVALID_FILE_TYPE")
            error = self.assertError("InvalidRequestException", self.start, self.case_arn(), name="README")
            self.assertReason(error, "INVALID_FILE_TYPE")
            for name in ("dir/notes.txt", "..", "a\\b.txt"):
                with self.subTest(name=name):
                    error = self.assertError("InvalidRequestException", self.start, self.case_arn(), name=name)
                    self.assertReason(error, "INVALID_FILE_NAME")
        finally:
            self.connect.update_attached_files_configuration(InstanceId=instance, AttachmentScope="TASK", MaximumSizeLimitInBytes=20 * MB,
                                                             ExtensionConfiguration={"AllowedExtensions": [{"Extension": e} for e in DEFAULT_EXTENSIONS]})


if __name__ == "__main__":
    import unittest
    unittest.main()
