//! The benchmark commands. `koers bench-schedule`: projection and critical path of synthetic
//! plans (and, optionally, of the plan in the database). `koers bench-report`: the time to build
//! a progress report and render its documents, for the
//! demo plan and for generated plans of 1,000 milestones (50 KPIs) and 10,000 milestones
//! (500 KPIs), each in a fresh in-memory
//! SQLite database. Prints medians and how the time grows with the plan.

use crate::service::{self, Actor, reports::workflow, schedule::Settings};
use entity::{DocumentFormat, Language};
use sea_orm::{EntityTrait, PaginatorTrait};
use std::time::Instant;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    service::schedule::bench::median(&times)
}

/// Time the schedule of synthetic plans of half, once and twice `milestones`, and print the
/// table; with `db`, also the time to load and compute the plan in it.
pub async fn schedule(
    milestones: usize,
    dependencies: usize,
    runs: usize,
    db: Option<&sea_orm::DatabaseConnection>,
) -> anyhow::Result<()> {
    use service::schedule::bench;
    // A status date inside the synthetic plan's span, so that overdue work is part of it.
    let settings = Settings::at(bench::STATUS_DATE);
    println!("schedule benchmark: projection, slack, health, commitment risk and critical path");
    println!(
        "{:>10} {:>12} {:>10} {:>10} {:>10}",
        "milestones", "dependencies", "median ms", "p90 ms", "min ms"
    );
    let mut medians = Vec::new();
    for scale in [milestones / 2, milestones, milestones * 2] {
        let deps = dependencies * scale / milestones.max(1);
        let input = bench::synthetic(scale, deps, 1);
        let times = bench::time(&input, runs, settings);
        let p90 = times[(times.len() * 9 / 10).min(times.len() - 1)];
        let median = bench::median(&times);
        medians.push(median);
        println!(
            "{scale:>10} {:>12} {median:>10.2} {p90:>10.2} {:>10.2}",
            input.edges.len(),
            times[0]
        );
    }
    println!(
        "growth: x2 plan -> x{:.2} time, x4 plan -> x{:.2} time (linear is 2 and 4); target < 50 ms at {milestones}: {}",
        medians[1] / medians[0].max(f64::EPSILON),
        medians[2] / medians[0].max(f64::EPSILON),
        if medians[1] < 50.0 { "met" } else { "MISSED" }
    );
    if let Some(db) = db {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs.max(1) {
            let started = Instant::now();
            let schedule = service::schedule::live(db, settings)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            size = schedule.projections().count();
        }
        println!(
            "from the database ({size} milestones): median {:.1} ms to load and compute",
            median(times)
        );
    }
    Ok(())
}

/// Run the benchmark and print its table.
pub async fn report(runs: usize) -> anyhow::Result<()> {
    let actor = Actor::system("bench", crate::samples::demo::recorded_at());
    println!(
        "report benchmark: build (as-of view, schedule, sections) and render, medians of {runs} runs"
    );
    println!(
        "{:<10} {:>10} {:>6} {:>10} {:>8} {:>8} {:>9} {:>11} {:>10}",
        "plan",
        "milestones",
        "KPIs",
        "build ms",
        "md ms",
        "html ms",
        "pdf ms",
        "html bytes",
        "pdf bytes"
    );
    let mut large = Vec::new();
    for plan in ["demo", "s", "m"] {
        let db = crate::db::connect("sqlite::memory:").await?;
        crate::db::migrate(&db).await?;
        let fail = |e: crate::error::ApiError| anyhow::anyhow!("{e:?}");
        match plan {
            "demo" => {
                crate::samples::demo::load(&db, &actor)
                    .await
                    .map_err(fail)?;
            }
            size => {
                // The large plan: 10,000 milestones and 500 KPIs.
                let shape = crate::samples::generate::Shape {
                    milestones: if size == "s" { 1_000 } else { 10_000 },
                    kpis: if size == "s" { 50 } else { 500 },
                    measurements: if size == "s" { 5_000 } else { 50_000 },
                    dependencies_per_milestone: 3,
                };
                crate::samples::generate::generate_shape(&db, &actor, shape, 1)
                    .await
                    .map_err(fail)?;
            }
        }
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
        let (mut build, mut md, mut html, mut pdf) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut shape = (0, 0, 0, 0);
        let milestones = entity::milestone::Entity::find().count(&db).await?;
        for _ in 0..runs.max(1) {
            let started = Instant::now();
            let (content, _) = workflow::content(
                &db,
                Settings::at(as_of),
                "Benchmark",
                as_of,
                as_of,
                None,
                Language::Nl,
            )
            .await
            .map_err(fail)?;
            build.push(started.elapsed().as_secs_f64() * 1000.0);
            let stamp = crate::service::reports::document::Stamp::draft(as_of);
            let started = Instant::now();
            workflow::render(&content, &stamp, DocumentFormat::Md).map_err(fail)?;
            md.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let page = workflow::render(&content, &stamp, DocumentFormat::Html).map_err(fail)?;
            html.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let document = workflow::render(&content, &stamp, DocumentFormat::Pdf).map_err(fail)?;
            pdf.push(started.elapsed().as_secs_f64() * 1000.0);
            let reported: std::collections::HashSet<&str> =
                content.kpi_rows.iter().map(|k| k.kpi.as_str()).collect();
            shape = (milestones, reported.len(), page.len(), document.len());
        }
        let (b, m, h, p) = (median(build), median(md), median(html), median(pdf));
        println!(
            "{plan:<10} {:>10} {:>6} {b:>10.1} {m:>8.1} {h:>8.1} {p:>9.1} {:>11} {:>10}",
            shape.0, shape.1, shape.2, shape.3
        );
        if plan != "demo" {
            large.push((shape.0 as f64, b + h, b + p));
        }
    }
    if let [(n1, h1, p1), (n2, h2, p2)] = large.as_slice() {
        for (what, t1, t2) in [("build + HTML", h1, h2), ("build + PDF", p1, p2)] {
            let exponent = (t2 / t1).ln() / (n2 / n1).ln();
            println!(
                "growth: x{:.0} milestones -> x{:.1} time ({what}); exponent {exponent:.2} (1.00 is linear)",
                n2 / n1,
                t2 / t1
            );
        }
    }
    Ok(())
}
