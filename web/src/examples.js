// Example queries the IDE opens with, one tab each, named by their
// operation names. They answer on the bundled seeds.
export const examples = [
  `# 市发改委's workload in 2026: counts per section and its tasks.
# Names are looked up by any alias: "市文化和旅游局" finds 市文旅局.
query UnitWorkload {
  unit(name: "市发改委") {
    name
    aliases
    jurisdiction
    workload(year: 2026) {
      lead
      cooperate
      total
      bySection { section { number title } lead cooperate }
    }
    tasks(year: 2026, first: 10) {
      totalCount
      edges {
        node {
          number
          text
          leads { name }
          cooperators { name }
        }
      }
    }
  }
}
`,
  `# The unit pairs sharing the most tasks over everything loaded.
query TopPairs {
  coOwnership(limit: 10) {
    a { name jurisdiction }
    b { name jurisdiction }
    sharedTasks
  }
}
`,
  `# How 市文旅局 (市文化和旅游局 in 2021) changed from 2021 to 2026.
query WorkloadChange {
  workloadChange(unit: "市文旅局", fromYear: 2021, toYear: 2026) {
    unit { name aliases }
    from { year lead cooperate total }
    to { year lead cooperate total }
    leadDelta
    cooperateDelta
    gained { section { title } total }
    lost { section { title } total }
    mergedFrom { name }
  }
}
`,
];
