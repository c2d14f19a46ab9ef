"""Page tokens (issue 18): a token is good only for the listing it came from -- the same operation, instance and
filters -- and a bad one answers the error the operation models: InvalidRequestException where the operation models
it, else InvalidParameterException (an operation that models no InvalidRequestException never answers one)."""
import unittest

from support import ConnectTestCase, create_instance, unique


class PageTokenTests(ConnectTestCase):
    def first_page_token(self, instance_id, **filters):
        for i in range(3):
            self.connect.create_queue(InstanceId=instance_id, Name=unique("q"), HoursOfOperationId=self.hours(instance_id))
        page = self.connect.list_queues(InstanceId=instance_id, MaxResults=1, **filters)
        self.assertIn("NextToken", page)
        return page["NextToken"]

    def hours(self, instance_id):
        return next(h["Id"] for h in self.connect.list_hours_of_operations(InstanceId=instance_id)["HoursOfOperationSummaryList"])

    def test_a_token_works_for_its_own_listing(self):
        token = self.first_page_token(self.instance_id, QueueTypes=["STANDARD"])
        page = self.connect.list_queues(InstanceId=self.instance_id, MaxResults=1, QueueTypes=["STANDARD"], NextToken=token)
        self.assertEqual(1, len(page["QueueSummaryList"]))

    def test_a_token_of_another_instance_is_refused(self):
        token = self.first_page_token(self.instance_id)
        other = create_instance(self.connect)
        try:
            self.assertError("InvalidRequestException", self.connect.list_queues, InstanceId=other, NextToken=token, status=400)
        finally:
            self.connect.delete_instance(InstanceId=other)

    def test_a_token_with_another_filter_or_another_operation_is_refused(self):
        token = self.first_page_token(self.instance_id, QueueTypes=["STANDARD"])
        self.assertError("InvalidRequestException", self.connect.list_queues, InstanceId=self.instance_id,
                         QueueTypes=["AGENT"], NextToken=token)
        self.assertError("InvalidRequestException", self.connect.list_routing_profiles, InstanceId=self.instance_id, NextToken=token)

    def test_operations_that_model_no_invalid_request_answer_invalid_parameter(self):
        forged = "bm90LWEtdG9rZW4.AAAAAAAAAAAAAAAAAAAAAA"
        self.assertError("InvalidParameterException", self.connect.list_evaluation_forms,
                         InstanceId=self.instance_id, NextToken=forged, status=400)
        self.assertError("InvalidParameterException", self.connect.list_phone_numbers_v2,
                         InstanceId=self.instance_id, NextToken=forged, status=400)
        arn = self.connect.describe_instance(InstanceId=self.instance_id)["Instance"]["Arn"]
        self.assertError("InvalidParameterException", self.connect.search_available_phone_numbers,
                         TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE", NextToken=forged, status=400)


if __name__ == "__main__":
    unittest.main()
