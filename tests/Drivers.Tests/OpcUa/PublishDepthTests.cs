using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.Tests.OpcUa;

/// <summary>How many Publish requests the client keeps in flight: grows with the load, shrinks when the server says so.</summary>
public sealed class PublishDepthTests
{
    [Fact]
    public void Target_WithoutSubscriptions_IsZero()
    {
        var depth = new PublishDepth();

        depth.Target.Should().Be(0);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(5, 15)]
    [InlineData(100, PublishDepth.Maximum)]
    public void Target_GrowsWithTheSubscriptionsUpToTheMaximum(int subscriptions, int expected)
    {
        var depth = new PublishDepth();

        depth.SetSubscriptionCount(subscriptions);

        depth.Target.Should().Be(expected);
    }

    [Fact]
    public void OnResponse_MoreNotifications_AddsARequestEachTimeUpToTheMaximum()
    {
        var depth = new PublishDepth();
        depth.SetSubscriptionCount(1);

        depth.OnResponse(moreNotifications: true, keepAlive: false);
        depth.OnResponse(moreNotifications: true, keepAlive: false);
        depth.Target.Should().Be(PublishDepth.PerSubscription + 2);

        for (var i = 0; i < 100; i++)
        {
            depth.OnResponse(moreNotifications: true, keepAlive: false);
        }

        depth.Target.Should().Be(PublishDepth.Maximum);
    }

    [Fact]
    public void OnResponse_DataWithoutMoreNotifications_KeepsTheDepth()
    {
        var depth = new PublishDepth();
        depth.SetSubscriptionCount(1);
        depth.OnResponse(moreNotifications: true, keepAlive: false);

        depth.OnResponse(moreNotifications: false, keepAlive: false);

        depth.Target.Should().Be(PublishDepth.PerSubscription + 1);
    }

    [Fact]
    public void OnResponse_KeepAlives_GiveTheExtraRequestsBackButNeverGoBelowTheBase()
    {
        var depth = new PublishDepth();
        depth.SetSubscriptionCount(2);
        depth.OnResponse(moreNotifications: true, keepAlive: false);
        depth.OnResponse(moreNotifications: true, keepAlive: false);

        depth.OnResponse(moreNotifications: false, keepAlive: true);
        depth.Target.Should().Be((2 * PublishDepth.PerSubscription) + 1);

        for (var i = 0; i < 10; i++)
        {
            depth.OnResponse(moreNotifications: false, keepAlive: true);
        }

        depth.Target.Should().Be(2 * PublishDepth.PerSubscription);
    }

    [Fact]
    public void OnTooManyPublishRequests_CapsTheDepthAtWhatTheServerHeldForGood()
    {
        var depth = new PublishDepth();
        depth.SetSubscriptionCount(1);
        for (var i = 0; i < 10; i++)
        {
            depth.OnResponse(moreNotifications: true, keepAlive: false);
        }

        depth.OnTooManyPublishRequests(stillInFlight: 5);
        for (var i = 0; i < 10; i++)
        {
            depth.OnResponse(moreNotifications: true, keepAlive: false);
        }

        depth.SetSubscriptionCount(4);
        depth.Ceiling.Should().Be(5);
        depth.Target.Should().Be(5);
    }

    [Fact]
    public void OnTooManyPublishRequests_WithNothingLeftInFlight_StillKeepsOneRequest()
    {
        var depth = new PublishDepth();
        depth.SetSubscriptionCount(1);

        depth.OnTooManyPublishRequests(stillInFlight: 0);

        depth.Target.Should().Be(1);
    }

    [Fact]
    public void OnTooManyPublishRequests_NeverRaisesAnEarlierCeiling()
    {
        var depth = new PublishDepth();
        depth.SetSubscriptionCount(3);
        depth.OnTooManyPublishRequests(stillInFlight: 2);

        depth.OnTooManyPublishRequests(stillInFlight: 8);

        depth.Target.Should().Be(2);
    }

    [Fact]
    public void Decode_ServiceFaultTooManyPublishRequests_ThrowsThatStatusForThePublishLoop()
    {
        // ServiceFault (i=397): header with ServiceResult BadTooManyPublishRequests (0x80780000).
        var bytes = Convert.FromHexString("01008D01" + "0000000000000000" + "07000000" + "00007880" + "00" + "FFFFFFFF" + "000000");

        var act = () => UaResponseDecoder.Decode<PublishResponse>(bytes, UaEncodingLimits.Default);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadTooManyPublishRequests);
    }

    [Fact]
    public void Decode_PublishResponseWithMoreNotifications_ReportsItAndTheDataChanges()
    {
        // PublishResponse (i=829), good header; subscription 5, available [9], MoreNotifications = true,
        // NotificationMessage 9 with one DataChangeNotification (i=811) of one item: handle 42, UInt32 7.
        var change = "01000000" + "2A000000" + "01" + "07" + "07000000" + "FFFFFFFF";
        var notification = "01002B03" + "01" + "12000000" + change;
        var bytes = Convert.FromHexString(
            "01003D03" + "0000000000000000" + "07000000" + "00000000" + "00" + "FFFFFFFF" + "000000"
            + "05000000" + "01000000" + "09000000" + "01"
            + "09000000" + "0000000000000000" + "01000000" + notification
            + "00000000" + "FFFFFFFF");

        var response = UaResponseDecoder.Decode<PublishResponse>(bytes, UaEncodingLimits.Default);

        response.MoreNotifications.Should().BeTrue();
        response.Message.IsKeepAlive.Should().BeFalse();
        response.Message.DataChanges.Should().ContainSingle().Which.ClientHandle.Should().Be(42u);
        response.Message.DataChanges[0].Value.Value.Value.Should().Be(7u);
    }
}
