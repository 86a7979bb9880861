namespace Proxus.Drivers.OpcUa.Client;

/// <summary>
/// How many Publish requests a session keeps in flight (Part 4 section 5.13.5: a client pipelines
/// Publish requests so that the server always holds one to answer with; a server that is sent more than
/// it is willing to queue answers the surplus with BadTooManyPublishRequests).
/// </summary>
/// <remarks>
/// The depth starts at <see cref="PerSubscription"/> per subscription. Every response that says
/// MoreNotifications (the server had to split its notifications and is waiting for requests to send
/// the rest) adds one request, up to <see cref="Maximum"/>; every keep-alive (nothing to report) takes
/// one of those extra requests away again. BadTooManyPublishRequests fixes a ceiling at the number of
/// requests the server still held, which is never exceeded again for the life of the client.
/// Not thread-safe: the publish loop is its only user.
/// </remarks>
internal sealed class PublishDepth
{
    /// <summary>Requests per subscription when nothing else is known.</summary>
    public const int PerSubscription = 3;

    /// <summary>The most requests kept in flight, however much the server has queued.</summary>
    public const int Maximum = 24;

    private int _subscriptions;
    private int _extra;
    private int _ceiling = Maximum;

    /// <summary>The number of Publish requests to keep in flight now (0 without subscriptions).</summary>
    public int Target => _subscriptions == 0 ? 0 : Math.Min(Math.Min((_subscriptions * PerSubscription) + _extra, Maximum), _ceiling);

    /// <summary>The ceiling set by the server (<see cref="Maximum"/> until it answers BadTooManyPublishRequests).</summary>
    public int Ceiling => _ceiling;

    public void SetSubscriptionCount(int count) => _subscriptions = Math.Max(count, 0);

    /// <summary>Adapts the depth to a Publish response.</summary>
    public void OnResponse(bool moreNotifications, bool keepAlive)
    {
        if (moreNotifications)
        {
            _extra = Math.Min(_extra + 1, Maximum);
        }
        else if (keepAlive && _extra > 0)
        {
            _extra--;
        }
    }

    /// <summary>
    /// The server refused a request as one too many while it still held <paramref name="stillInFlight"/>
    /// of ours: that is as many as it queues.
    /// </summary>
    public void OnTooManyPublishRequests(int stillInFlight)
    {
        _ceiling = Math.Clamp(stillInFlight, 1, _ceiling);
        _extra = Math.Min(_extra, _ceiling);
    }
}
