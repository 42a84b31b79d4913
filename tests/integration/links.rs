//! Links between plan objects and milestone dependencies, both ways, with history.

use crate::support::{TestApp, code, kpi, milestone, programme};
use serde_json::json;

#[tokio::test]
async fn links_are_navigable_both_ways_and_idempotent() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "Pilot VNG", Some("GEMEENTE"), "2026-03-01").await;
    let k = kpi(&app, &p, "MVOI-07", &["CIRCULAR"]).await;
    let link = "mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }";
    assert_eq!(
        app.ok(link, json!({ "m": m, "k": k })).await["linkMilestoneKpi"]["changed"],
        true
    );
    assert_eq!(
        app.ok(link, json!({ "m": m, "k": k })).await["linkMilestoneKpi"]["changed"],
        false
    );
    let data = app
        .ok("query($m: ID!, $k: ID!) { milestone(id: $m) { kpis { code } } kpi(id: $k) { milestones { title } } }", json!({ "m": m, "k": k }))
        .await;
    assert_eq!(data["milestone"]["kpis"][0]["code"], "MVOI-07");
    assert_eq!(data["kpi"]["milestones"][0]["title"], "Pilot VNG");

    let task = app
        .ok("mutation($p: ID!) { createDataInfraTask(input: { programmeId: $p, title: \"Velden verplicht\", kind: DATA_QUALITY, dueDate: \"2026-09-01\" }) { task { id } } }", json!({ "p": p }))
        .await["createDataInfraTask"]["task"]["id"]
        .clone();
    let source = app
        .ok("mutation { createDataSource(input: { name: \"TenderNed\", updateFrequency: HALF_YEARLY, access: OPEN }) { dataSource { id } } }", json!({}))
        .await["createDataSource"]["dataSource"]["id"]
        .clone();
    let c = app
        .ok("mutation($p: ID!) { createCommitment(input: { programmeId: $p, number: \"TZ202504-057\", text: \"Informeren\", madeBy: \"minister van BZK\", madeOn: \"2025-04-16\", deadlineDate: \"2026-07-02\" }) { commitment { id } } }", json!({ "p": p }))
        .await["createCommitment"]["commitment"]["id"]
        .clone();
    app.ok("mutation($m: ID!, $t: ID!) { linkMilestoneTask(input: { milestoneId: $m, taskId: $t }) { changed } }", json!({ "m": m, "t": task })).await;
    app.ok(
        "mutation($t: ID!, $k: ID!) { linkTaskKpi(input: { taskId: $t, kpiId: $k }) { changed } }",
        json!({ "t": task, "k": k }),
    )
    .await;
    app.ok("mutation($k: ID!, $s: ID!) { linkKpiDataSource(input: { kpiId: $k, dataSourceId: $s }) { changed } }", json!({ "k": k, "s": source })).await;
    app.ok("mutation($c: ID!, $m: ID!) { linkCommitmentMilestone(input: { commitmentId: $c, milestoneId: $m }) { changed } }", json!({ "c": c, "m": m })).await;
    let data = app
        .ok(
            "query($m: ID!, $k: ID!, $t: ID!, $s: ID!, $c: ID!) {
               milestone(id: $m) { tasks { title } commitments { number } }
               kpi(id: $k) { blockingTasks { title } dataSources { name } }
               dataInfraTask(id: $t) { unblocks { code } milestones { title } }
               dataSource(id: $s) { kpis { code } }
               commitment(id: $c) { milestones { title } } }",
            json!({ "m": m, "k": k, "t": task, "s": source, "c": c }),
        )
        .await;
    assert_eq!(data["milestone"]["tasks"][0]["title"], "Velden verplicht");
    assert_eq!(
        data["milestone"]["commitments"][0]["number"],
        "TZ202504-057"
    );
    assert_eq!(data["kpi"]["blockingTasks"][0]["title"], "Velden verplicht");
    assert_eq!(data["kpi"]["dataSources"][0]["name"], "TenderNed");
    assert_eq!(data["dataInfraTask"]["unblocks"][0]["code"], "MVOI-07");
    assert_eq!(data["dataInfraTask"]["milestones"][0]["title"], "Pilot VNG");
    assert_eq!(data["dataSource"]["kpis"][0]["code"], "MVOI-07");
    assert_eq!(data["commitment"]["milestones"][0]["title"], "Pilot VNG");

    // Every other link can be undone too.
    for (mutation, vars) in [
        (
            "mutation($a: ID!, $b: ID!) { unlinkMilestoneTask(input: { milestoneId: $a, taskId: $b }) { changed } }",
            json!({ "a": m, "b": task }),
        ),
        (
            "mutation($a: ID!, $b: ID!) { unlinkTaskKpi(input: { taskId: $a, kpiId: $b }) { changed } }",
            json!({ "a": task, "b": k }),
        ),
        (
            "mutation($a: ID!, $b: ID!) { unlinkKpiDataSource(input: { kpiId: $a, dataSourceId: $b }) { changed } }",
            json!({ "a": k, "b": source }),
        ),
        (
            "mutation($a: ID!, $b: ID!) { unlinkCommitmentMilestone(input: { commitmentId: $a, milestoneId: $b }) { changed } }",
            json!({ "a": c, "b": m }),
        ),
    ] {
        let data = app.ok(mutation, vars).await;
        let payload = data
            .as_object()
            .and_then(|o| o.values().next())
            .cloned()
            .unwrap_or_default();
        assert_eq!(payload["changed"], true, "{mutation}");
    }
    let data = app
        .ok("query($m: ID!, $k: ID!, $c: ID!) { milestone(id: $m) { tasks { title } commitments { number } } kpi(id: $k) { blockingTasks { title } dataSources { name } } commitment(id: $c) { milestones { title } } }", json!({ "m": m, "k": k, "c": c }))
        .await;
    for list in [
        &data["milestone"]["tasks"],
        &data["milestone"]["commitments"],
        &data["kpi"]["blockingTasks"],
        &data["kpi"]["dataSources"],
        &data["commitment"]["milestones"],
    ] {
        assert_eq!(list.as_array().map(Vec::len), Some(0), "{data}");
    }

    let unlink = "mutation($m: ID!, $k: ID!) { unlinkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }";
    assert_eq!(
        app.ok(unlink, json!({ "m": m, "k": k })).await["unlinkMilestoneKpi"]["changed"],
        true
    );
    assert_eq!(
        app.ok(unlink, json!({ "m": m, "k": k })).await["unlinkMilestoneKpi"]["changed"],
        false
    );
    let data = app.ok("query($m: ID!) { milestone(id: $m) { kpis { code } } changeRecords(entity: \"MilestoneKpi\") { edges { node { action newValue oldValue } } } }", json!({ "m": m })).await;
    assert_eq!(data["milestone"]["kpis"].as_array().map(Vec::len), Some(0));
    let actions: Vec<_> = data["changeRecords"]["edges"]
        .as_array()
        .expect("e")
        .iter()
        .map(|e| e["node"]["action"].clone())
        .collect();
    assert_eq!(actions, vec![json!("LINK"), json!("UNLINK")]);
}

#[tokio::test]
async fn linking_a_deleted_or_missing_object_fails() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let m = milestone(&app, &p, "M", None, "2026-03-01").await;
    let k = kpi(&app, &p, "K1", &[]).await;
    app.ok(
        "mutation($k: ID!) { deleteKpi(input: { id: $k, version: 1 }) { status } }",
        json!({ "k": k }),
    )
    .await;
    let error = app.err("mutation($m: ID!, $k: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $k }) { changed } }", json!({ "m": m, "k": k })).await;
    assert_eq!(code(&error), "NOT_FOUND");
    let error = app.err("mutation($m: ID!) { linkMilestoneKpi(input: { milestoneId: $m, kpiId: $m }) { changed } }", json!({ "m": m })).await;
    assert_eq!(code(&error), "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.kpiId");
}

#[tokio::test]
async fn dependencies_have_lags_and_never_form_cycles() {
    let app = TestApp::new().await;
    let p = programme(&app).await;
    let a = milestone(
        &app,
        &p,
        "Concept meerjarenplan",
        Some("RIJK"),
        "2026-02-27",
    )
    .await;
    let b = milestone(&app, &p, "Bestuurlijk overleg", None, "2026-04-15").await;
    let c = milestone(&app, &p, "Kamerbrief", Some("RIJK"), "2026-07-02").await;
    let add = "mutation($p: ID!, $s: ID!, $lag: Int!) { addMilestoneDependency(input: { predecessorId: $p, successorId: $s, lagDays: $lag }) { dependency { lagDays predecessor { title } successor { title } } } }";
    let data = app.ok(add, json!({ "p": a, "s": b, "lag": 14 })).await;
    assert_eq!(data["addMilestoneDependency"]["dependency"]["lagDays"], 14);
    app.ok(add, json!({ "p": b, "s": c, "lag": 7 })).await;
    let changed = app.ok(add, json!({ "p": a, "s": b, "lag": 21 })).await;
    assert_eq!(
        changed["addMilestoneDependency"]["dependency"]["lagDays"], 21,
        "adding again changes the lag"
    );

    let cycle = app.err(add, json!({ "p": c, "s": a, "lag": 0 })).await;
    assert_eq!(code(&cycle), "BAD_USER_INPUT");
    let message = cycle["message"].as_str().unwrap_or_default();
    assert!(message.contains("cycle"), "{message}");
    for title in ["Concept meerjarenplan", "Bestuurlijk overleg", "Kamerbrief"] {
        assert!(
            message.contains(title),
            "the cycle names {title}: {message}"
        );
    }
    let own = app.err(add, json!({ "p": a, "s": a, "lag": 0 })).await;
    assert_eq!(code(&own), "BAD_USER_INPUT");
    let lag = app.err(add, json!({ "p": a, "s": c, "lag": 400 })).await;
    assert_eq!(lag["extensions"]["field"], "input.lagDays");

    let data = app
        .ok("query($b: ID!) { milestone(id: $b) { predecessors { lagDays predecessor { title } } successors { successor { title } } } }", json!({ "b": b }))
        .await;
    assert_eq!(
        data["milestone"]["predecessors"][0]["predecessor"]["title"],
        "Concept meerjarenplan"
    );
    assert_eq!(data["milestone"]["predecessors"][0]["lagDays"], 21);
    assert_eq!(
        data["milestone"]["successors"][0]["successor"]["title"],
        "Kamerbrief"
    );

    let remove = "mutation($p: ID!, $s: ID!) { removeMilestoneDependency(input: { predecessorId: $p, successorId: $s }) { changed } }";
    assert_eq!(
        app.ok(remove, json!({ "p": b, "s": c })).await["removeMilestoneDependency"]["changed"],
        true
    );
    assert_eq!(
        app.ok(remove, json!({ "p": b, "s": c })).await["removeMilestoneDependency"]["changed"],
        false
    );
    // Without b -> c the former cycle is allowed.
    app.ok(add, json!({ "p": c, "s": a, "lag": 0 })).await;
    let history = app
        .ok(
            "{ changeRecords(entity: \"MilestoneDependency\") { totalCount } }",
            json!({}),
        )
        .await;
    // add a->b, add b->c, change a->b (unlink + link), remove b->c, add c->a
    assert_eq!(history["changeRecords"]["totalCount"], 6);
}
