using Xunit.Abstractions;
using Xunit.Sdk;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// Starts the test collections that several classes share (<see cref="PostgresCollection"/>: its
/// classes run one after the other on one PostgreSQL server) before the classes that are a
/// collection of their own, so that the longest chain runs alongside the others instead of after
/// them. Within each group the order is xunit's default one.
/// </summary>
public sealed class SharedCollectionsFirstOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
        => new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).OrderBy(collection => collection.CollectionDefinition is null);
}
