// The three portal servers' collections (PortalCollection, AgentPortalCollection, TagMapPortalCollection) run side by
// side: their tests mostly wait on a server, a browser or an agent, not on the CPU. xUnit starts only as many tests at
// once as the machine has cores (two on CI), which kept one collection waiting for the other two; four slots let the
// three collections run together, with one left for the page tests that need no server.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
