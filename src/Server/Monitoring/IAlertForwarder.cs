namespace Proxus.Server.Monitoring;

/// <summary>Takes new alerts to an external system. Never blocks and never throws: the alert is already stored.</summary>
internal interface IAlertForwarder
{
    void Enqueue(Alert alert);
}
