namespace Proxus.Agent.Acquisition;

/// <summary>Where a monitoring device connection delivers what the device reported; called from more than one thread.</summary>
internal interface IMonitoredItemSink
{
    /// <summary>A reported value (or a per-item error) of the tag at <paramref name="index"/>.</summary>
    void Report(int index, in RawReading reading);

    /// <summary>The session is lost or could not be set up: every tag is bad for <paramref name="reason"/>.</summary>
    void Fail(string reason);
}
