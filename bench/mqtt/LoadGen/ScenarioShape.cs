namespace Proxus.Bench.Mqtt;

/// <summary>How publishers and subscribers are wired.</summary>
public enum ScenarioShape
{
    /// <summary>N publishers on their own topics, subscribers on <c>bench/in/#</c>.</summary>
    FanIn,

    /// <summary>Publishers on one topic, every subscriber on it.</summary>
    FanOut,

    /// <summary>Publisher i to subscriber i on topic <c>bench/pair/i</c>.</summary>
    Pairs,
}
