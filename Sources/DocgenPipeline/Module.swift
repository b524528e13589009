// Module DocgenPipeline: see Package.swift for its place in the pipeline.
