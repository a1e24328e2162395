// Draws the dependency graph page's picture with Cytoscape.js and a layered (dagre) layout.
// Loaded by GraphPage through IJSRuntime "import"; the libraries below load with it, so no other page pays for them.
// The page computes everything that needs the catalog (colours, highlight sets); this module only draws.
import cytoscape from '../lib/cytoscape/cytoscape.esm.min.mjs';
import cytoscapeDagre from '../lib/cytoscape-dagre/cytoscape-dagre.min.mjs';

cytoscape.use(cytoscapeDagre);

const FONT_FAMILY = 'Roboto, Helvetica, Arial, sans-serif';
const FONT_SIZE = 12;
const LINE_HEIGHT = 15;
const MAX_LABEL_WIDTH = 110;
const HIGHLIGHT = '#c62828';
const MIN_HEIGHT = 420;
const MAX_HEIGHT = 1400;
const PADDING = 24;
const MAX_LAYERED_EDGES = 1500;

// One picture per page: the graph page is the only user, and it disposes before it goes.
let cy = null;
let host = null;
let measure = null;

/**
 * Draws `data` ({ nodes: [{ id, label, kind, team, tier, count, color, fill, band?, badge? }], edges: [{ source, target, synchronous, count }],
 * focus, highlight: [ids] }) into `element`, replacing what was there.
 * Sets data-rendered="true" on the element once the layout has finished, with data-node-count and data-edge-count.
 * @param {HTMLElement} element the container; the page leaves its children to this module
 * @param {object} data nodes, edges, focus and highlight ids
 * @param {{ rankDir?: 'LR' | 'TB' }} options layout direction
 * @param {object} dotNetRef receives OnNodeClicked(id)
 */
export function render(element, data, options, dotNetRef) {
    dispose();
    host = element;
    element.setAttribute('data-rendered', 'false');
    const started = performance.now();

    cy = cytoscape({
        container: element,
        elements: toElements(data),
        style: STYLE,
        minZoom: 0.15,
        maxZoom: 2.5,
        boxSelectionEnabled: false,
        autoungrabify: false,
    });

    cy.on('tap', 'node', event => {
        dotNetRef?.invokeMethodAsync('OnNodeClicked', event.target.id());
    });
    cy.on('mouseover', 'node', event => {
        const d = event.target.data();
        element.title = d.kind === 'group'
            ? `${d.label}: click to see these nodes`
            : `${d.name} (${d.kind}) · ${d.team ?? 'no owner'}${d.kind === 'service' ? ` · tier ${d.tier}` : ''}${d.badge ? ` · ${d.badge}` : ''}`;
        element.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', () => {
        element.title = '';
        element.style.cursor = '';
    });

    // Layered layout costs grow fast with crossing edges; past this a hairball gets instant rings instead of a frozen tab.
    const layered = cy.edges().length <= MAX_LAYERED_EDGES;
    return new Promise(resolve => {
        const layout = cy.layout(layered ? {
            name: 'dagre',
            rankDir: options?.rankDir === 'TB' ? 'TB' : 'LR',
            nodeSep: 20,
            rankSep: 56,
            edgeSep: 24,
            ranker: 'network-simplex',
            // Edges follow dagre's routes around the boxes instead of straight through them (back edges of cycles most of all).
            useDagreEdgeControlPoints: true,
            fit: false,
            animate: false,
        } : {
            name: 'concentric',
            concentric: node => node.degree(),
            levelWidth: () => 2,
            minNodeSpacing: 8,
            fit: false,
            animate: false,
        });
        layout.one('layoutstop', () => {
            if (layered) {
                markBackEdges(options?.rankDir === 'TB');
            }

            fitToWidth(element);

            highlight(data.highlight ?? []);
            element.setAttribute('data-node-count', String(cy.nodes().length));
            element.setAttribute('data-edge-count', String(cy.edges().length));
            element.setAttribute('data-layout', layered ? 'dagre' : 'concentric');
            element.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
            element.setAttribute('data-rendered', 'true');
            resolve();
        });
        layout.run();
    });
}

/**
 * Emphasises the given nodes and edges (edge ids are "source->target") and fades the rest; an empty list clears it.
 * @param {string[]} ids
 */
export function highlight(ids) {
    if (!cy) {
        return;
    }

    cy.batch(() => {
        cy.elements().removeClass('faded hl');
        if (!ids || ids.length === 0) {
            return;
        }

        const wanted = new Set(ids);
        const chosen = cy.elements().filter(el => wanted.has(el.isEdge() ? edgeKey(el.data('source'), el.data('target')) : el.id()));
        cy.elements().not(chosen).addClass('faded');
        chosen.addClass('hl');
    });
}

/** Removes the picture and its listeners. */
export function dispose() {
    if (cy) {
        cy.destroy();
        cy = null;
    }

    if (host) {
        host.removeAttribute('data-rendered');
        host = null;
    }
}

/**
 * Edges that run against the flow (the ones closing a cycle) would be routed on top of the forward ones; draw
 * them as arcs of their own instead.
 */
function markBackEdges(vertical) {
    cy.edges().forEach(edge => {
        const from = edge.source().position();
        const to = edge.target().position();
        if (vertical ? to.y < from.y : to.x < from.x) {
            edge.removeClass('useDagreEdgeControlPoints').addClass('back');
        }
    });
}

/**
 * Fits the picture to the container's width, growing or shrinking its height to match (within limits), so a
 * wide picture is not shrunk to fit a short box and a small one is not blown up.
 */
function fitToWidth(element) {
    const box = cy.elements().boundingBox();
    const width = element.clientWidth;
    const zoom = Math.min(1.2, Math.max(0.1, (width - 2 * PADDING) / Math.max(1, box.w)));
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(box.h * zoom + 2 * PADDING)));
    element.style.height = `${height}px`;
    cy.resize();
    cy.fit(undefined, PADDING);
    if (cy.zoom() > 1.2) {
        cy.zoom(1.2);
        cy.center();
    }
}

function toElements(data) {
    const nodes = (data.nodes ?? []).map(n => {
        if (n.kind === 'group') {
            const size = groupSize(n.count);
            return { group: 'nodes', data: { ...n, width: size, height: size } };
        }

        // Long names go on two or three lines, so the boxes of one layer stay narrow; a badge (open debt) is a line of its own.
        const lines = wrap(n.label, MAX_LABEL_WIDTH);
        if (n.badge) {
            lines.push(n.badge);
        }

        return {
            group: 'nodes',
            data: {
                ...n,
                name: n.label,
                label: lines.join('\n'),
                width: Math.max(...lines.map(textWidth)) + 20,
                height: lines.length * LINE_HEIGHT + (n.kind === 'resource' ? 20 : 14),
            },
            classes: n.id === data.focus ? 'focus' : '',
        };
    });

    // Two edges between the same pair (say an HTTP call and a shared table) get ids of their own.
    const seen = new Map();
    const edges = (data.edges ?? []).map(e => {
        const key = edgeKey(e.source, e.target);
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return {
            group: 'edges',
            data: {
                id: n === 1 ? key : `${key}#${n}`,
                source: e.source,
                target: e.target,
                synchronous: e.synchronous,
                width: e.count > 1 ? Math.min(6, 1.5 + Math.log2(e.count)) : 1.5,
            },
        };
    });
    return [...nodes, ...edges];
}

function edgeKey(source, target) {
    return `${source}->${target}`;
}

function wrap(text, maxWidth) {
    const lines = [];
    for (const word of (text ?? '').split(/\s+/).filter(w => w.length > 0)) {
        const last = lines.length - 1;
        if (last >= 0 && textWidth(`${lines[last]} ${word}`) <= maxWidth) {
            lines[last] = `${lines[last]} ${word}`;
        } else {
            lines.push(word);
        }
    }

    return lines.length > 0 ? lines : [''];
}

function groupSize(count) {
    return Math.round(48 + Math.sqrt(Math.max(1, count ?? 1)) * 14);
}

function textWidth(text) {
    measure ??= document.createElement('canvas').getContext('2d');
    measure.font = `${FONT_SIZE}px ${FONT_FAMILY}`;
    return Math.ceil(measure.measureText(text ?? '').width);
}

const STYLE = [
    {
        selector: 'node',
        style: {
            'label': 'data(label)',
            'width': 'data(width)',
            'height': 'data(height)',
            'shape': 'round-rectangle',
            'background-color': 'data(fill)',
            'border-color': 'data(color)',
            'border-width': 2,
            'color': '#1f2328',
            'font-family': FONT_FAMILY,
            'font-size': FONT_SIZE,
            'text-valign': 'center',
            'text-halign': 'center',
            'text-wrap': 'wrap',
            'text-max-width': 'data(width)',
            'line-height': LINE_HEIGHT / FONT_SIZE,
        },
    },
    {
        selector: 'node[kind = "resource"]',
        style: { 'shape': 'barrel', 'font-style': 'italic' },
    },
    {
        selector: 'node[kind = "group"]',
        style: { 'shape': 'ellipse', 'font-weight': 'bold' },
    },
    {
        selector: 'node.focus',
        style: { 'border-width': 4, 'font-weight': 'bold' },
    },
    // Coloured by open debt: the outline tells the bands apart without colour (the legend says which is which).
    {
        selector: 'node[band = "low"]',
        style: { 'border-style': 'dotted', 'border-width': 3 },
    },
    {
        selector: 'node[band = "medium"]',
        style: { 'border-style': 'dashed', 'border-width': 3 },
    },
    {
        selector: 'node[band = "high"]',
        style: { 'border-style': 'double', 'border-width': 6 },
    },
    {
        selector: 'edge',
        style: {
            'width': 'data(width)',
            'line-color': '#8c959f',
            'target-arrow-color': '#8c959f',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 1.1,
            'curve-style': 'bezier',
        },
    },
    {
        selector: 'edge.back',
        style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': 60, 'control-point-weights': 0.5 },
    },
    {
        selector: 'edge[!synchronous]',
        style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] },
    },
    {
        selector: 'node.hl',
        style: { 'border-color': HIGHLIGHT, 'border-width': 4, 'z-index': 10 },
    },
    {
        selector: 'edge.hl',
        style: { 'line-color': HIGHLIGHT, 'target-arrow-color': HIGHLIGHT, 'width': 3, 'z-index': 10 },
    },
    {
        selector: '.faded',
        style: { 'opacity': 0.18 },
    },
];
