/** The Cytoscape.js canvas: draws the elements it is given and reports taps; exports through its ref. */
import cytoscape, { type Core } from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { cytoscapeStyle, layoutOptions, type CyElements, type LayoutName } from '../lib/network-elements.js';
import type { Position } from '../lib/network-svg.js';

export interface NetworkCanvasHandle {
  /** the whole graph as a PNG data URL */
  png: () => string;
  /** node id → position, as laid out */
  positions: () => Map<string, Position>;
  fit: () => void;
}

export type NetworkSelection = { type: 'node' | 'edge'; id: string } | null;

export function NetworkCanvas({
  elements,
  layout,
  selected,
  onSelect,
  onOpen,
  label,
  ref,
}: {
  elements: CyElements;
  layout: LayoutName;
  selected: NetworkSelection;
  onSelect: (selection: NetworkSelection) => void;
  /** a node was double-tapped */
  onOpen: (nodeId: string) => void;
  label: string;
  ref?: Ref<NetworkCanvasHandle>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onOpen });
  useEffect(() => {
    handlers.current = { onSelect, onOpen };
  });

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: cytoscapeStyle() as unknown as cytoscape.StylesheetJson,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    cy.on('tap', 'node', (event) =>
      handlers.current.onSelect({ type: 'node', id: event.target.id() as string }),
    );
    cy.on('tap', 'edge', (event) =>
      handlers.current.onSelect({ type: 'edge', id: event.target.id() as string }),
    );
    cy.on('tap', (event) => {
      if (event.target === cy) handlers.current.onSelect(null);
    });
    cy.on('dbltap', 'node', (event) => handlers.current.onOpen(event.target.id() as string));
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().remove();
      cy.add([...elements.nodes, ...elements.edges]);
    });
    cy.layout(layoutOptions(layout, elements.nodes.length) as unknown as cytoscape.LayoutOptions).run();
    cy.fit(undefined, 20);
  }, [elements, layout]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.elements(':selected').unselect();
    if (selected) cy.getElementById(selected.id).select();
  }, [selected, elements]);

  useImperativeHandle(
    ref,
    () => ({
      png: () => cyRef.current?.png({ full: true, output: 'base64uri', bg: '#ffffff', scale: 2 }) ?? '',
      positions: () =>
        new Map((cyRef.current?.nodes().toArray() ?? []).map((n) => [n.id(), { ...n.position() }] as const)),
      fit: () => cyRef.current?.fit(undefined, 20),
    }),
    [],
  );

  return (
    <div
      ref={container}
      className="network-canvas"
      data-testid="network-canvas"
      role="img"
      aria-label={label}
    />
  );
}
